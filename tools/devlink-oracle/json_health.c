/* The health monitor path of iproute2 6.1 (cmd_mon_show_cb -> pr_out_mon_header, pr_out_health
 * via __pr_out_handle_start(array), pr_out_handle_end, pr_out_mon_footer) replayed on the real
 * lib/json_writer.c and lib/json_print.c, to check MonitorJsonStateTest's expected strings:
 *   gcc -D_GNU_SOURCE -I$IPROUTE2/include -o /tmp/h json_health.c $IPROUTE2/lib/json_writer.c \
 *       $IPROUTE2/lib/json_print.c $IPROUTE2/lib/color.c && /tmp/h
 * (only the fields that matter for the writer state are printed) */
#include <linux/types.h>
#include <stdio.h>
#include <string.h>
#include <stdbool.h>
#include <stdint.h>
#include "json_print.h"
static bool present; static char last[64];
static void handle_start_arr(const char *buf) {   /* __pr_out_handle_start(json, array) */
  bool same = present && !strcmp(last, buf);
  if (present && !same) close_json_array(PRINT_JSON, NULL);
  if (!same) { open_json_array(PRINT_JSON, buf); open_json_object(NULL); present = true; strcpy(last, buf); }
  else open_json_object(NULL);
}
static void health(const char *dev, const char *state, int e, int r) {
  open_json_object(NULL); print_string(PRINT_JSON, "command", NULL, "status"); open_json_object("health");
  handle_start_arr(dev);
  print_string(PRINT_ANY, "reporter", "reporter %s", "dummy");
  print_string(PRINT_ANY, "state", "state %s", state);
  print_u64(PRINT_JSON, "error", NULL, e); print_u64(PRINT_JSON, "recover", NULL, r);
  close_json_object(); close_json_object(); close_json_object();
}
int main(void) {
  new_json_obj_plain(1); open_json_object(NULL); open_json_array(PRINT_JSON, "mon");
  health("netdevsim/netdevsim10", "error", 1, 0); puts("");
  health("netdevsim/netdevsim10", "healthy", 1, 1); puts("");
  health("netdevsim/netdevsim11", "error", 1, 0); puts("");
  fflush(stdout); return 0;
}
int pretty = 0; const char *_SL_ = "\n";
int matches(const char *prefix, const char *string) { return 1; }
