/*
 * fabricnl: an LD_PRELOAD shim that turns socket(AF_NETLINK, *, NETLINK_GENERIC) into a
 * connection to a devlink-fabric host endpoint (a Unix-domain stream socket named by
 * $FABRIC_NETLINK_SOCKET) and makes the usual calls behave as on a netlink socket:
 * bind/getsockname with a 12-byte sockaddr_nl, setsockopt(SOL_NETLINK), sendto/sendmsg/recvmsg/recvfrom/recv with one
 * datagram per read, MSG_TRUNC and MSG_PEEK, dup/dup2/dup3/close tracked. Every other socket
 * is untouched, and without $FABRIC_NETLINK_SOCKET the shim does nothing at all.
 *
 * Each netlink socket is two stream connections: the descriptor the program sees carries what
 * the kernel would queue on the socket (datagrams, errors), so select/poll work unchanged; a
 * hidden control connection carries requests, each answered when the endpoint has processed
 * it: as on Linux, where sendmsg() runs the request before it returns, replies and multicast
 * copies are already queued when a send returns. Frames: u32 length, u8 kind, body (see the
 * endpoint's NlConnection.java).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define MAX_FDS 65536

struct dgram {
	struct dgram *next;
	uint32_t group;
	int err;
	uint32_t len;
	unsigned char data[];
};

/* One emulated netlink socket; shared by the descriptors dup() made of it. */
struct nlsock {
	int refs;
	int ctl; /* the control connection: requests, answered in order by 'R' and 'K' */
	pthread_mutex_t rlock; /* readers: the queue and frame reads */
	pthread_mutex_t wlock; /* writers: whole frames */
	uint32_t portid;
	uint32_t groups;
	int bound;
	int type;
	size_t maxlen;
	uint32_t unreported; /* datagrams handed to the program since the last 'C' report */
	int cap_ack, ext_ack;
	struct dgram *head, *tail;
};

static struct nlsock *table[MAX_FDS];
/* Descriptors standing for emulated network namespaces (/run/netns/NAME), by fd: the name. */
static char *netns_names[MAX_FDS];
static int netns_count;
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

static int (*real_socket)(int, int, int);
static int (*real_close)(int);
static int (*real_dup)(int);
static int (*real_dup2)(int, int);
static int (*real_dup3)(int, int, int);
static int (*real_bind)(int, const struct sockaddr *, socklen_t);
static int (*real_connect)(int, const struct sockaddr *, socklen_t);
static int (*real_getsockname)(int, struct sockaddr *, socklen_t *);
static int (*real_setsockopt)(int, int, int, const void *, socklen_t);
static int (*real_getsockopt)(int, int, int, void *, socklen_t *);
static ssize_t (*real_sendto)(int, const void *, size_t, int, const struct sockaddr *, socklen_t);
static ssize_t (*real_sendmsg)(int, const struct msghdr *, int);
static ssize_t (*real_send)(int, const void *, size_t, int);
static ssize_t (*real_recvmsg)(int, struct msghdr *, int);
static ssize_t (*real_recvfrom)(int, void *, size_t, int, struct sockaddr *, socklen_t *);
static ssize_t (*real_recv)(int, void *, size_t, int);
static ssize_t (*real_read)(int, void *, size_t);
static ssize_t (*real_write)(int, const void *, size_t);
static int (*real_open)(const char *, int, ...);
static int (*real_open64)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_openat64)(int, const char *, int, ...);

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_real(void)
{
	real_socket = dlsym(RTLD_NEXT, "socket");
	real_close = dlsym(RTLD_NEXT, "close");
	real_dup = dlsym(RTLD_NEXT, "dup");
	real_dup2 = dlsym(RTLD_NEXT, "dup2");
	real_dup3 = dlsym(RTLD_NEXT, "dup3");
	real_bind = dlsym(RTLD_NEXT, "bind");
	real_connect = dlsym(RTLD_NEXT, "connect");
	real_getsockname = dlsym(RTLD_NEXT, "getsockname");
	real_setsockopt = dlsym(RTLD_NEXT, "setsockopt");
	real_getsockopt = dlsym(RTLD_NEXT, "getsockopt");
	real_sendto = dlsym(RTLD_NEXT, "sendto");
	real_sendmsg = dlsym(RTLD_NEXT, "sendmsg");
	real_send = dlsym(RTLD_NEXT, "send");
	real_recvmsg = dlsym(RTLD_NEXT, "recvmsg");
	real_recvfrom = dlsym(RTLD_NEXT, "recvfrom");
	real_recv = dlsym(RTLD_NEXT, "recv");
	real_read = dlsym(RTLD_NEXT, "read");
	real_write = dlsym(RTLD_NEXT, "write");
	real_open = dlsym(RTLD_NEXT, "open");
	real_open64 = dlsym(RTLD_NEXT, "open64");
	real_openat = dlsym(RTLD_NEXT, "openat");
	real_openat64 = dlsym(RTLD_NEXT, "openat64");
}

static void init(void)
{
	pthread_once(&init_once, init_real);
}

static struct nlsock *lookup(int fd)
{
	struct nlsock *s;

	if (fd < 0 || fd >= MAX_FDS)
		return NULL;
	pthread_mutex_lock(&table_lock);
	s = table[fd];
	pthread_mutex_unlock(&table_lock);
	return s;
}

static void release(struct nlsock *s)
{
	struct dgram *d, *n;

	if (--s->refs > 0)
		return;
	for (d = s->head; d; d = n) {
		n = d->next;
		free(d);
	}
	pthread_mutex_destroy(&s->rlock);
	pthread_mutex_destroy(&s->wlock);
	if (s->ctl >= 0)
		real_close(s->ctl);
	free(s);
}

/* Forget fd (under table_lock). */
static void untrack_locked(int fd)
{
	if (fd >= 0 && fd < MAX_FDS && table[fd]) {
		release(table[fd]);
		table[fd] = NULL;
	}
}

/* ---------------------------------------------------------------- the framed stream */

static int nonblocking(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	return fl >= 0 && (fl & O_NONBLOCK);
}

/* Reads exactly n bytes, waiting even on a non-blocking descriptor (a frame is never split). */
static int read_full(int fd, void *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = real_recv(fd, (char *)buf + got, n - got, 0);

		if (r > 0) {
			got += r;
		} else if (r == 0) {
			errno = ECONNRESET;
			return -1;
		} else if (errno == EAGAIN || errno == EWOULDBLOCK) {
			struct pollfd p = { .fd = fd, .events = POLLIN };

			poll(&p, 1, -1);
		} else if (errno != EINTR) {
			return -1;
		}
	}
	return 0;
}

static int write_full_plain(int fd, const void *buf, size_t n)
{
	size_t put = 0;

	while (put < n) {
		ssize_t r = real_write(fd, (const char *)buf + put, n - put);

		if (r > 0)
			put += r;
		else if (r < 0 && errno != EINTR)
			return -1;
	}
	return 0;
}

static int write_full(int fd, const void *buf, size_t n)
{
	size_t put = 0;

	while (put < n) {
		ssize_t r = real_send(fd, (const char *)buf + put, n - put, MSG_NOSIGNAL);

		if (r > 0) {
			put += r;
		} else if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			struct pollfd p = { .fd = fd, .events = POLLOUT };

			poll(&p, 1, -1);
		} else if (r < 0 && errno != EINTR) {
			return -1;
		}
	}
	return 0;
}

/* One frame: kind and a body made of two parts (header fields and payload). */
static int send_frame(struct nlsock *s, int fd, char kind, const void *a, size_t alen, const void *b,
		      size_t blen)
{
	uint32_t len = 1 + alen + blen;
	unsigned char head[5];
	int rc = 0;

	memcpy(head, &len, 4);
	head[4] = kind;
	(void)s;
	if (write_full(fd, head, 5) || (alen && write_full(fd, a, alen)) || (blen && write_full(fd, b, blen)))
		rc = -1;
	return rc;
}

/* Reads one frame; datagrams and errors are queued, a result is returned in *res. Caller holds rlock. */
static int read_frame(struct nlsock *s, int fd, int32_t res[2], int *got_result)
{
	uint32_t len;
	unsigned char kind;

	if (read_full(fd, &len, 4) || len < 1 || read_full(fd, &kind, 1))
		return -1;
	len -= 1;
	if (kind == 'D' || kind == 'E') {
		struct dgram *d;
		uint32_t word;

		if (len < 4 || read_full(fd, &word, 4))
			return -1;
		d = malloc(sizeof(*d) + len - 4);
		if (!d)
			return -1;
		d->next = NULL;
		d->len = len - 4;
		d->group = kind == 'D' ? word : 0;
		d->err = kind == 'E' ? (int)word : 0;
		if (d->len && read_full(fd, d->data, d->len)) {
			free(d);
			return -1;
		}
		if (s->tail)
			s->tail->next = d;
		else
			s->head = d;
		s->tail = d;
		return 0;
	}
	errno = EPROTO;
	return -1;
}

/* One answer frame on the control connection: 'R' or 'K', i32 result and u32 value. */
static int read_answer(int ctl, int32_t res[2])
{
	uint32_t len;
	unsigned char kind;

	if (read_full(ctl, &len, 4) || len != 9 || read_full(ctl, &kind, 1) || read_full(ctl, res, 8))
		return -1;
	return kind == 'R' || kind == 'K' ? 0 : -1;
}

/* A control request and its answer: returns the endpoint's -errno (0 on success). */
static int control(struct nlsock *s, char kind, const void *body, size_t len)
{
	int32_t res[2] = { 0, 0 };

	pthread_mutex_lock(&s->wlock);
	if (send_frame(s, s->ctl, kind, body, len, NULL, 0) || read_answer(s->ctl, res)) {
		pthread_mutex_unlock(&s->wlock);
		return -EIO;
	}
	if (res[0] == 0 && (kind == 'A' || kind == 'B' || kind == 'S')) {
		s->portid = (uint32_t)res[1];
		s->bound = s->portid != 0;
	}
	pthread_mutex_unlock(&s->wlock);
	return res[0];
}

static int autobind(struct nlsock *s)
{
	if (s->bound)
		return 0;
	return control(s, 'A', NULL, 0);
}

/* ---------------------------------------------------------------- socket and descriptors */

static int connect_endpoint(const char *path, int cloexec)
{
	struct sockaddr_un addr;
	int fd = real_socket(AF_UNIX, SOCK_STREAM | cloexec, 0);

	if (fd < 0)
		return -1;
	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	strcpy(addr.sun_path, path);
	if (real_connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		int e = errno;

		real_close(fd);
		/* what a program sees when nothing serves the family: the kernel refused the protocol */
		errno = e == ENOENT || e == ECONNREFUSED ? EPROTONOSUPPORT : e;
		return -1;
	}
	return fd;
}

int socket(int domain, int type, int protocol)
{
	const char *path, *ns;
	struct nlsock *s;
	int fd, ctl, base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	uint32_t pid, token;
	int32_t res[2];
	char hello[4 + 256];
	size_t nslen;

	init();
	path = getenv("FABRIC_NETLINK_SOCKET");
	if (domain != AF_NETLINK || protocol != NETLINK_GENERIC || !path || !*path ||
	    (base != SOCK_RAW && base != SOCK_DGRAM))
		return real_socket(domain, type, protocol);
	if (strlen(path) >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	ctl = connect_endpoint(path, SOCK_CLOEXEC & type);
	if (ctl < 0)
		return -1;
	s = calloc(1, sizeof(*s));
	if (!s) {
		real_close(ctl);
		errno = ENOMEM;
		return -1;
	}
	s->refs = 1;
	s->type = base;
	s->ctl = ctl;
	pthread_mutex_init(&s->rlock, NULL);
	pthread_mutex_init(&s->wlock, NULL);
	ns = getenv("FABRIC_NETNS");
	if (!ns)
		ns = "";
	nslen = strlen(ns);
	if (nslen > 255)
		nslen = 255;
	pid = (uint32_t)getpid();
	memcpy(hello, &pid, 4);
	memcpy(hello + 4, ns, nslen);
	/* hello on the control connection; the answer names the data connection's token */
	if (send_frame(s, ctl, 'H', hello, 4 + nslen, NULL, 0) || read_answer(ctl, res) || res[0]) {
		release(s);
		errno = EIO;
		return -1;
	}
	token = (uint32_t)res[1];
	fd = connect_endpoint(path, SOCK_CLOEXEC & type);
	if (fd < 0) {
		int e = errno;

		release(s);
		errno = e;
		return -1;
	}
	if (fd >= MAX_FDS || send_frame(s, fd, 'J', &token, 4, NULL, 0) || control(s, 'W', NULL, 0)) {
		release(s);
		real_close(fd);
		errno = fd >= MAX_FDS ? EMFILE : EIO;
		return -1;
	}
	if (type & SOCK_NONBLOCK)
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	pthread_mutex_lock(&table_lock);
	untrack_locked(fd);
	table[fd] = s;
	pthread_mutex_unlock(&table_lock);
	return fd;
}

int close(int fd)
{
	init();
	if (fd >= 0 && fd < MAX_FDS) {
		pthread_mutex_lock(&table_lock);
		untrack_locked(fd);
		if (netns_names[fd]) {
			free(netns_names[fd]);
			netns_names[fd] = NULL;
			netns_count--;
		}
		pthread_mutex_unlock(&table_lock);
	}
	return real_close(fd);
}

static int track_dup(int oldfd, int newfd)
{
	if (newfd < 0 || newfd >= MAX_FDS || oldfd < 0 || oldfd >= MAX_FDS)
		return newfd;
	pthread_mutex_lock(&table_lock);
	if (newfd != oldfd) {
		untrack_locked(newfd);
		if (table[oldfd]) {
			table[oldfd]->refs++;
			table[newfd] = table[oldfd];
		}
	}
	pthread_mutex_unlock(&table_lock);
	return newfd;
}

int dup(int oldfd)
{
	init();
	return track_dup(oldfd, real_dup(oldfd));
}

int dup2(int oldfd, int newfd)
{
	init();
	return track_dup(oldfd, real_dup2(oldfd, newfd));
}

int dup3(int oldfd, int newfd, int flags)
{
	init();
	return track_dup(oldfd, real_dup3(oldfd, newfd, flags));
}

/* ---------------------------------------------------------------- addresses and options */

static void fill_addr(struct sockaddr *addr, socklen_t *alen, uint32_t pid, uint32_t groups)
{
	struct sockaddr_nl nl;

	if (!addr || !alen)
		return;
	memset(&nl, 0, sizeof(nl));
	nl.nl_family = AF_NETLINK;
	nl.nl_pid = pid;
	nl.nl_groups = groups;
	memcpy(addr, &nl, *alen < sizeof(nl) ? *alen : sizeof(nl));
	*alen = sizeof(nl);
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	struct nlsock *s;
	const struct sockaddr_nl *nl = (const struct sockaddr_nl *)addr;
	uint32_t body[2];
	int rc;

	init();
	s = lookup(fd);
	if (!s)
		return real_bind(fd, addr, len);
	if (len < sizeof(struct sockaddr_nl) || nl->nl_family != AF_NETLINK) {
		errno = EINVAL;
		return -1;
	}
	body[0] = nl->nl_pid;
	body[1] = nl->nl_groups;
	rc = control(s, 'B', body, sizeof(body));
	if (rc) {
		errno = -rc;
		return -1;
	}
	s->groups = nl->nl_groups;
	return 0;
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	struct nlsock *s;

	init();
	s = lookup(fd);
	if (!s)
		return real_connect(fd, addr, len);
	/* netlink_connect to the kernel (pid 0): only autobinds */
	if (len < sizeof(struct sockaddr_nl) || addr->sa_family != AF_NETLINK) {
		errno = EINVAL;
		return -1;
	}
	if (autobind(s)) {
		errno = EIO;
		return -1;
	}
	return 0;
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	struct nlsock *s;

	init();
	s = lookup(fd);
	if (!s)
		return real_getsockname(fd, addr, len);
	fill_addr(addr, len, s->portid, s->groups);
	return 0;
}

int setsockopt(int fd, int level, int opt, const void *val, socklen_t len)
{
	struct nlsock *s;
	uint32_t body[2];
	int rc;

	init();
	s = lookup(fd);
	if (!s || level != SOL_NETLINK)
		return real_setsockopt(fd, level, opt, val, len);
	if (len < sizeof(int) || !val) {
		errno = EINVAL;
		return -1;
	}
	body[0] = opt;
	body[1] = *(const uint32_t *)val;
	rc = control(s, 'S', body, sizeof(body));
	if (rc) {
		errno = -rc;
		return -1;
	}
	if (opt == NETLINK_CAP_ACK)
		s->cap_ack = body[1] != 0;
	if (opt == NETLINK_EXT_ACK)
		s->ext_ack = body[1] != 0;
	return 0;
}

int getsockopt(int fd, int level, int opt, void *val, socklen_t *len)
{
	struct nlsock *s;
	int v;

	init();
	s = lookup(fd);
	if (!s)
		return real_getsockopt(fd, level, opt, val, len);
	if (level == SOL_SOCKET && (opt == SO_TYPE || opt == SO_PROTOCOL || opt == SO_DOMAIN)) {
		v = opt == SO_TYPE ? s->type : opt == SO_PROTOCOL ? NETLINK_GENERIC : AF_NETLINK;
	} else if (level == SOL_NETLINK && (opt == NETLINK_CAP_ACK || opt == NETLINK_EXT_ACK)) {
		v = opt == NETLINK_CAP_ACK ? s->cap_ack : s->ext_ack;
	} else if (level == SOL_NETLINK) {
		errno = ENOPROTOOPT;
		return -1;
	} else {
		return real_getsockopt(fd, level, opt, val, len);
	}
	if (!val || !len || *len < sizeof(int)) {
		errno = EINVAL;
		return -1;
	}
	memcpy(val, &v, sizeof(int));
	*len = sizeof(int);
	return 0;
}

/* ---------------------------------------------------------------- wire log */

/*
 * $FABRIC_NETLINK_WIRELOG names a file that gets one line per datagram as the program sees it,
 * in the reference recordings' format: "> HEX" sent, "< HEX" read, "<T HEX" read truncated.
 */
static void wirelog(const char *dir, const unsigned char *d, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const char *path = getenv("FABRIC_NETLINK_WIRELOG");
	size_t i, dl = strlen(dir);
	char *line;
	int fd;

	if (!path || !*path)
		return;
	line = malloc(dl + 1 + 2 * n + 1);
	if (!line)
		return;
	memcpy(line, dir, dl);
	line[dl] = ' ';
	for (i = 0; i < n; i++) {
		line[dl + 1 + 2 * i] = hex[d[i] >> 4];
		line[dl + 2 + 2 * i] = hex[d[i] & 15];
	}
	line[dl + 1 + 2 * n] = '\n';
	fd = real_open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0) {
		write_full_plain(fd, line, dl + 2 + 2 * n);
		real_close(fd);
	}
	free(line);
}

/* ---------------------------------------------------------------- sending */

static ssize_t nl_send(struct nlsock *s, const struct iovec *iov, size_t iovcnt)
{
	size_t total = 0, i, at = 0;
	unsigned char *buf;
	int rc;

	for (i = 0; i < iovcnt; i++)
		total += iov[i].iov_len;
	if (autobind(s)) {
		errno = EIO;
		return -1;
	}
	if (netns_count > 0) {
		/* the namespaces this process holds open, so a NETNS_FD attribute can be resolved */
		int fd;

		pthread_mutex_lock(&table_lock);
		for (fd = 0; fd < MAX_FDS; fd++) {
			if (netns_names[fd]) {
				char body[4 + 256];
				size_t n = strlen(netns_names[fd]);
				uint32_t f = fd;

				memcpy(body, &f, 4);
				memcpy(body + 4, netns_names[fd], n);
				control(s, 'N', body, 4 + n);
			}
		}
		pthread_mutex_unlock(&table_lock);
	}
	buf = malloc(total ? total : 1);
	if (!buf) {
		errno = ENOBUFS;
		return -1;
	}
	for (i = 0; i < iovcnt; i++) {
		memcpy(buf + at, iov[i].iov_base, iov[i].iov_len);
		at += iov[i].iov_len;
	}
	wirelog(">", buf, total);
	/* answered once the endpoint has run it: replies and multicast copies are queued by then */
	rc = control(s, 'D', buf, total);
	free(buf);
	if (rc < 0) {
		errno = rc == -EIO ? ECONNREFUSED : -rc;
		return -1;
	}
	return total;
}

/* send, sendto and write on a tracked socket: nl_send of one buffer. */
static ssize_t nl_send_buf(struct nlsock *s, const void *buf, size_t len)
{
	struct iovec iov = { (void *)buf, len };

	return nl_send(s, &iov, 1);
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	struct nlsock *s;

	init();
	s = lookup(fd);
	if (!s)
		return real_sendmsg(fd, msg, flags);
	return nl_send(s, msg->msg_iov, msg->msg_iovlen);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to, socklen_t tolen)
{
	struct nlsock *s;

	init();
	s = lookup(fd);
	if (!s)
		return real_sendto(fd, buf, len, flags, to, tolen);
	return nl_send_buf(s, buf, len);
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	struct nlsock *s;

	init();
	s = lookup(fd);
	if (!s)
		return real_send(fd, buf, len, flags);
	return nl_send_buf(s, buf, len);
}

ssize_t write(int fd, const void *buf, size_t len)
{
	struct nlsock *s;

	init();
	s = lookup(fd);
	if (!s)
		return real_write(fd, buf, len);
	return nl_send_buf(s, buf, len);
}

/* ---------------------------------------------------------------- receiving */

/* Takes the head datagram off the receive queue and frees it. Caller holds rlock. */
static void drop_head(struct nlsock *s)
{
	struct dgram *d = s->head;

	s->head = d->next;
	if (!s->head)
		s->tail = NULL;
	free(d);
}

/*
 * The program asks for more, so it has handled what it read: tell the endpoint (no answer),
 * which lets a test know a monitor has printed everything sent to it. Caller holds rlock.
 */
static void report_handled(struct nlsock *s)
{
	if (!s->unreported)
		return;
	pthread_mutex_lock(&s->wlock);
	send_frame(s, s->ctl, 'C', &s->unreported, 4, NULL, 0);
	pthread_mutex_unlock(&s->wlock);
	s->unreported = 0;
}

/* The kernel sizes later dump datagrams by the largest read (max_recvmsg_len). Caller holds rlock. */
static void announce_read_size(struct nlsock *s, size_t len)
{
	uint32_t ml;

	if (len <= s->maxlen)
		return;
	s->maxlen = len;
	ml = len > 0x7fffffff ? 0x7fffffff : (uint32_t)len;
	control(s, 'L', &ml, 4);
}

/*
 * Until a datagram (or error) is queued: 1 then; -1 with EAGAIN when the read must not block,
 * -1 on a broken stream, 0 when the endpoint hung up (end of file). Caller holds rlock.
 */
static int wait_for_datagram(struct nlsock *s, int fd, int flags)
{
	int32_t res[2];
	int got = 0;

	while (!s->head) {
		if ((flags & MSG_DONTWAIT) || nonblocking(fd)) {
			struct pollfd p = { .fd = fd, .events = POLLIN };

			if (poll(&p, 1, 0) <= 0) {
				errno = EAGAIN;
				return -1;
			}
		}
		if (read_frame(s, fd, res, &got))
			return errno == ECONNRESET ? 0 : -1;
	}
	return 1;
}

/* Copies as much of d as fits (len bytes in all) across the iovecs; returns the bytes copied. */
static size_t copy_out(const struct dgram *d, struct iovec *iov, size_t iovcnt, size_t len)
{
	size_t copied = d->len < len ? d->len : len, at = 0, i;

	for (i = 0; i < iovcnt && at < copied; i++) {
		size_t n = iov[i].iov_len < copied - at ? iov[i].iov_len : copied - at;

		memcpy(iov[i].iov_base, d->data + at, n);
		at += n;
	}
	return copied;
}

/*
 * netlink_recvmsg: one datagram per call, cut to the buffer with MSG_TRUNC set (and its full
 * length returned when the caller passed MSG_TRUNC), the sender address as sockaddr_nl.
 */
static ssize_t nl_recv(struct nlsock *s, int fd, struct iovec *iov, size_t iovcnt, int flags,
		       struct sockaddr *from, socklen_t *fromlen, int *msg_flags)
{
	size_t len = 0, i, copied;
	struct dgram *d;
	int r;

	for (i = 0; i < iovcnt; i++)
		len += iov[i].iov_len;
	pthread_mutex_lock(&s->rlock);
	report_handled(s);
	announce_read_size(s, len);
	r = wait_for_datagram(s, fd, flags);
	if (r <= 0) {
		pthread_mutex_unlock(&s->rlock);
		return r;
	}
	d = s->head;
	if (d->err) {
		int e = d->err;

		drop_head(s);
		pthread_mutex_unlock(&s->rlock);
		errno = e;
		return -1;
	}
	copied = copy_out(d, iov, iovcnt, len);
	if (msg_flags)
		*msg_flags = d->len > len ? MSG_TRUNC : 0;
	fill_addr(from, fromlen, 0, d->group ? (d->group <= 32 ? 1u << (d->group - 1) : 0) : 0);
	if (flags & MSG_TRUNC)
		copied = d->len;
	if (!(flags & MSG_PEEK)) {
		wirelog(d->len > len ? "<T" : "<", d->data, d->len);
		s->unreported++;
		drop_head(s);
	}
	pthread_mutex_unlock(&s->rlock);
	return copied;
}

/* recv, recvfrom and read on a tracked socket: nl_recv into one buffer. */
static ssize_t nl_recv_buf(struct nlsock *s, int fd, void *buf, size_t len, int flags,
			   struct sockaddr *from, socklen_t *fromlen)
{
	struct iovec iov = { buf, len };

	return nl_recv(s, fd, &iov, 1, flags, from, from ? fromlen : NULL, NULL);
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	struct nlsock *s;
	socklen_t namelen;
	int mflags = 0;
	ssize_t r;

	init();
	s = lookup(fd);
	if (!s)
		return real_recvmsg(fd, msg, flags);
	namelen = msg->msg_namelen;
	r = nl_recv(s, fd, msg->msg_iov, msg->msg_iovlen, flags, msg->msg_name,
		    msg->msg_name ? &namelen : NULL, &mflags);
	if (r >= 0) {
		msg->msg_flags = mflags;
		msg->msg_controllen = 0;
		if (msg->msg_name)
			msg->msg_namelen = namelen;
	}
	return r;
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from, socklen_t *fromlen)
{
	struct nlsock *s;

	init();
	s = lookup(fd);
	if (!s)
		return real_recvfrom(fd, buf, len, flags, from, fromlen);
	return nl_recv_buf(s, fd, buf, len, flags, from, fromlen);
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	struct nlsock *s;

	init();
	s = lookup(fd);
	if (!s)
		return real_recv(fd, buf, len, flags);
	return nl_recv_buf(s, fd, buf, len, flags, NULL, NULL);
}

ssize_t read(int fd, void *buf, size_t len)
{
	struct nlsock *s;

	init();
	s = lookup(fd);
	if (!s)
		return real_read(fd, buf, len);
	return nl_recv_buf(s, fd, buf, len, 0, NULL, NULL);
}

/* ---------------------------------------------------------------- network namespaces */

/*
 * iproute2 names a namespace by opening /var/run/netns/NAME (netns_get_fd) and passes the
 * descriptor (DEVLINK_ATTR_NETNS_FD). Namespaces are emulated, so such an open asks the endpoint
 * whether NAME exists and hands out a placeholder descriptor (/dev/null) that stands for it.
 */
static const char *netns_name(const char *path)
{
	static const char *dirs[] = { "/var/run/netns/", "/run/netns/" };
	size_t i;

	if (!path || !getenv("FABRIC_NETLINK_SOCKET"))
		return NULL;
	for (i = 0; i < 2; i++) {
		size_t n = strlen(dirs[i]);

		if (!strncmp(path, dirs[i], n) && path[n] && !strchr(path + n, '/'))
			return path + n;
	}
	return NULL;
}

static int open_netns(const char *name)
{
	struct nlsock probe;
	int32_t res[2];
	size_t n = strlen(name);
	int fd;

	memset(&probe, 0, sizeof(probe));
	if (n > 255) {
		errno = ENAMETOOLONG;
		return -1;
	}
	probe.ctl = connect_endpoint(getenv("FABRIC_NETLINK_SOCKET"), SOCK_CLOEXEC);
	if (probe.ctl < 0)
		return -1;
	if (send_frame(&probe, probe.ctl, 'Q', name, n, NULL, 0) || read_answer(probe.ctl, res)) {
		real_close(probe.ctl);
		errno = EIO;
		return -1;
	}
	real_close(probe.ctl);
	if (res[0]) {
		errno = -res[0];
		return -1;
	}
	fd = real_open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fd >= MAX_FDS)
		return fd;
	pthread_mutex_lock(&table_lock);
	if (netns_names[fd])
		free(netns_names[fd]);
	else
		netns_count++;
	netns_names[fd] = strdup(name);
	pthread_mutex_unlock(&table_lock);
	return fd;
}

#define OPEN_MODE(flags, mode) do { \
	va_list ap; \
	mode = 0; \
	if ((flags) & (O_CREAT | O_TMPFILE)) { \
		va_start(ap, flags); \
		mode = va_arg(ap, int); \
		va_end(ap); \
	} \
} while (0)

int open(const char *path, int flags, ...)
{
	const char *ns;
	int mode;

	init();
	OPEN_MODE(flags, mode);
	ns = netns_name(path);
	if (ns)
		return open_netns(ns);
	return real_open(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	const char *ns;
	int mode;

	init();
	OPEN_MODE(flags, mode);
	ns = netns_name(path);
	if (ns)
		return open_netns(ns);
	return real_open64(path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	const char *ns;
	int mode;

	init();
	OPEN_MODE(flags, mode);
	ns = path[0] == '/' ? netns_name(path) : NULL;
	if (ns)
		return open_netns(ns);
	return real_openat(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	const char *ns;
	int mode;

	init();
	OPEN_MODE(flags, mode);
	ns = path[0] == '/' ? netns_name(path) : NULL;
	if (ns)
		return open_netns(ns);
	return real_openat64(dirfd, path, flags, mode);
}
