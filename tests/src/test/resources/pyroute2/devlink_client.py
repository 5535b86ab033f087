"""A pyroute2 client of the fabric's devlink endpoint (run under the netlink shim).

Lists devices and ports, reads a param, follows the notifications of a param change made on
another socket, and prints one line per fact so the Java test can check them.
"""
import select
import sys

from pyroute2 import DL
from pyroute2.netlink import NLM_F_ACK, NLM_F_REQUEST
from pyroute2.netlink.devlink import DEVLINK_NAMES, devlinkcmd


def handle(msg):
    return "%s/%s" % (msg.get_attr('DEVLINK_ATTR_BUS_NAME'), msg.get_attr('DEVLINK_ATTR_DEV_NAME'))


dl = DL()
for m in dl.list():
    print("dev", handle(m))
for m in dl.port_list():
    print("port", "%s/%d" % (handle(m), m.get_attr('DEVLINK_ATTR_PORT_INDEX')),
          m.get_attr('DEVLINK_ATTR_PORT_NETDEV_NAME'))

# one param, by a do request
req = devlinkcmd()
req['cmd'] = DEVLINK_NAMES['DEVLINK_CMD_PARAM_GET']
req['attrs'] = [('DEVLINK_ATTR_BUS_NAME', 'netdevsim'), ('DEVLINK_ATTR_DEV_NAME', 'netdevsim10'),
                ('DEVLINK_ATTR_PARAM_NAME', 'max_macs')]
for m in dl.nlm_request(req, msg_type=dl.prid, msg_flags=NLM_F_REQUEST | NLM_F_ACK):
    if m['header']['type'] == dl.prid:
        print("param-reply cmd", m['cmd'], "len", m['header']['length'])

# a missing device: the kernel's error
req = devlinkcmd()
req['cmd'] = DEVLINK_NAMES['DEVLINK_CMD_GET']
req['attrs'] = [('DEVLINK_ATTR_BUS_NAME', 'netdevsim'), ('DEVLINK_ATTR_DEV_NAME', 'netdevsim99')]
try:
    dl.nlm_request(req, msg_type=dl.prid, msg_flags=NLM_F_REQUEST | NLM_F_ACK)
    print("error none")
except Exception as e:
    print("error", getattr(e, 'code', e))

# notifications: a second socket joins the "config" group, the first one changes a param
mon = DL()
mon.add_membership('config')
def param_set(name, nla_type):
    # pyroute2 0.7.2 maps PARAM_VALUE_DATA as 'none': the attribute goes empty
    req = devlinkcmd()
    req['cmd'] = DEVLINK_NAMES['DEVLINK_CMD_PARAM_SET']
    req['attrs'] = [('DEVLINK_ATTR_BUS_NAME', 'netdevsim'), ('DEVLINK_ATTR_DEV_NAME', 'netdevsim10'),
                    ('DEVLINK_ATTR_PARAM_NAME', name), ('DEVLINK_ATTR_PARAM_TYPE', nla_type),
                    ('DEVLINK_ATTR_PARAM_VALUE_CMODE', 1), ('DEVLINK_ATTR_PARAM_VALUE_DATA', None)]
    dl.nlm_request(req, msg_type=dl.prid, msg_flags=NLM_F_REQUEST | NLM_F_ACK)


try:
    param_set('max_macs', 3)  # a u32 without its 4 bytes
    print("u32-empty accepted")
except Exception as e:
    print("u32-empty error", getattr(e, 'code', e))
param_set('test1', 6)  # a flag present: true
ready, _, _ = select.select([mon], [], [], 10)
if not ready:
    print("notification none")
    sys.exit(1)
for m in mon.get():
    print("notification", m.get('event'), handle(m))
mon.close()
dl.close()
