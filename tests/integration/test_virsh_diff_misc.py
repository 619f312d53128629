"""Differential suite for virNetworkUpdate, node device create/destroy and
domain metadata: stock virsh runs the same command line against Debian's
libvirtd (test driver) and against vireod, and the exit status, stdout and
stderr must be identical (normalised only as the other diff suites do).

net-update is exercised section by section (ip-dhcp-host, ip-dhcp-range,
forward-interface, portgroup, dns-host, dns-txt, dns-srv) with add,
add-first, add-last, modify and delete, the --live/--config/--current
choices on running, stopped and transient networks, net-dumpxml after
each change, and the errors for bad elements, sections libvirt cannot
update, missing matches and duplicates. Node devices: the test driver's
vHBA creation (scsi_host12), destroy, and every refusal. A multi-step
scenario runs in ONE virsh invocation, because the default state resets
when the last client leaves.
"""

import pytest

import helpers

from test_virsh_diff_objects import assert_same

TRANSIENT_NET_XML = """<network>
  <name>tnet</name>
  <uuid>0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9</uuid>
  <bridge name='tbr0'/>
  <ip address='10.9.9.1' netmask='255.255.255.0'/>
</network>
"""

# Two IPv4 addresses, one with DHCP, an IPv6 one, portgroups with children
# and a bridge-mode-free layout that takes several forward interfaces.
RICH_NET_XML = """<network>
  <name>rnet</name>
  <uuid>1c2d3e4f-5061-4728-93a4-b5c6d7e8f90a</uuid>
  <forward mode='nat'/>
  <bridge name='rbr0' stp='on' delay='0'/>
  <portgroup name='engineering' default='yes'>
    <vlan>
      <tag id='42'/>
    </vlan>
  </portgroup>
  <portgroup name='sales'/>
  <ip address='10.1.1.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='10.1.1.10' end='10.1.1.20'/>
      <host mac='52:54:00:aa:bb:01' name='one' ip='10.1.1.11'/>
    </dhcp>
  </ip>
  <ip address='10.2.2.1' prefix='24'/>
  <ip family='ipv6' address='2001:db8::1' prefix='64'/>
</network>
"""

# Every kept element out of libvirt's order, children too: net-dumpxml
# shows libvirt's order and updates insert into it.
SHUFFLED_NET_XML = """<network>
  <name>snet</name>
  <uuid>2d3e4f50-6172-4839-a4b5-c6d7e8f90a1b</uuid>
  <portgroup name='pgA'>
    <bandwidth>
      <inbound average='1000'/>
    </bandwidth>
    <vlan><tag id='7'/></vlan>
  </portgroup>
  <route address='10.5.0.0' prefix='16' gateway='10.4.4.2'/>
  <ip address='10.4.4.1' netmask='255.255.255.0'>
    <dhcp>
      <host mac='52:54:00:00:00:09' ip='10.4.4.9'/>
      <bootp file='pxe.0'/>
      <range start='10.4.4.10' end='10.4.4.20'/>
    </dhcp>
    <tftp root='/srv/tftp'/>
  </ip>
  <bandwidth>
    <inbound average='1000' peak='5000' burst='1024'/>
  </bandwidth>
  <vlan>
    <tag id='42'/>
  </vlan>
  <dns>
    <host ip='10.4.4.7'><hostname>h</hostname></host>
    <txt name='x' value='y'/>
    <forwarder addr='8.8.8.8'/>
  </dns>
  <domain name='example.org'/>
  <mtu size='9000'/>
  <bridge name='sbr0'/>
  <forward mode='nat'/>
</network>
"""

VHBA_XML = """<device>
  <parent>scsi_host1</parent>
  <capability type='scsi_host'>
    <capability type='fc_host'>
      <wwnn>2001001b32a9da4e</wwnn>
      <wwpn>2101001b32a9da4e</wwpn>
    </capability>
  </capability>
</device>
"""
VHBA_NOPARENT_XML = VHBA_XML.replace("  <parent>scsi_host1</parent>\n", "")
VHBA_NAMED_XML = VHBA_XML.replace("<device>", "<device>\n  <name>newdev</name>")
VHBA_NOWWN_XML = """<device>
  <parent>scsi_host1</parent>
  <capability type='scsi_host'>
    <capability type='fc_host'>
    </capability>
  </capability>
</device>
"""
VHBA_BADPARENT_XML = VHBA_XML.replace("scsi_host1<", "scsi_host11<")
VHBA_NOSUCHPARENT_XML = VHBA_XML.replace("scsi_host1<", "nosuch<")
VHBA_WWNPARENT_XML = VHBA_NOPARENT_XML.replace(
    "<device>", "<device>\n  <parent wwnn='2000000012341234' wwpn='1000000012341234'/>")
VHBA_HALFWWN_XML = VHBA_NOPARENT_XML.replace(
    "<device>", "<device>\n  <parent wwnn='2000000012341234'/>")
NET_DEVICE_XML = """<device>
  <name>foo</name>
  <parent>computer</parent>
  <capability type='net'>
    <interface>eth9</interface>
  </capability>
</device>
"""
NOCAP_XML = "<device><parent>scsi_host1</parent></device>\n"
BADCAP_XML = "<device><parent>scsi_host1</parent><capability type='bogus'/></device>\n"
BADSUB_XML = ("<device><parent>scsi_host1</parent><capability type='scsi_host'>"
              "<capability type='foo'/></capability></device>\n")
BADROOT_XML = "<devic><name>x</name></devic>\n"

FILES = {
    "tnet": TRANSIENT_NET_XML, "rnet": RICH_NET_XML, "snet": SHUFFLED_NET_XML,
    "vhba": VHBA_XML, "vhba_noparent": VHBA_NOPARENT_XML, "vhba_named": VHBA_NAMED_XML, "vhba_nowwn": VHBA_NOWWN_XML,
    "vhba_badparent": VHBA_BADPARENT_XML, "vhba_nosuchparent": VHBA_NOSUCHPARENT_XML,
    "vhba_wwnparent": VHBA_WWNPARENT_XML, "vhba_halfwwn": VHBA_HALFWWN_XML,
    "netdev": NET_DEVICE_XML, "nocap": NOCAP_XML, "badcap": BADCAP_XML, "badsub": BADSUB_XML,
    "badroot": BADROOT_XML,
}

H1 = "\"<host mac='52:54:00:00:00:01' name='h1' ip='192.168.122.10'/>\""
H2 = "\"<host mac='52:54:00:00:00:02' name='h2' ip='192.168.122.11'/>\""
R1 = "\"<range start='192.168.122.100' end='192.168.122.120'/>\""
TXT = "\"<txt name='t1' value='v1'/>\""

NET_UPDATE_CASES = [
    ("dhcp-host-add", "net-update default add ip-dhcp-host %s; net-dumpxml default" % H1),
    ("dhcp-host-add-first", "net-update default add-last ip-dhcp-host %s --live --config; "
                            "net-update default add-first ip-dhcp-host %s; net-dumpxml default"
                            % (H1, H2)),
    ("dhcp-host-duplicate", "net-update default add ip-dhcp-host %s; net-update default add "
                            "ip-dhcp-host \"<host mac='52:54:00:00:00:01' name='h9' "
                            "ip='192.168.122.19'/>\"" % H1),
    ("dhcp-host-modify", "net-update default add ip-dhcp-host %s; net-update default modify "
                         "ip-dhcp-host \"<host mac='52:54:00:00:00:01' name='h1' "
                         "ip='192.168.122.99'/>\"; net-dumpxml default; net-update default "
                         "modify ip-dhcp-host \"<host mac='52:54:00:00:00:07' name='zz' "
                         "ip='192.168.122.77'/>\"" % H1),
    ("dhcp-host-delete", "net-update default add ip-dhcp-host %s; net-update default delete "
                         "ip-dhcp-host \"<host name='h1'/>\"; net-dumpxml default; "
                         "net-update default delete ip-dhcp-host \"<host name='h1'/>\"" % H1),
    ("dhcp-host-multicast", "net-update default add ip-dhcp-host "
                            "\"<host mac='01:54:00:00:00:01' ip='192.168.122.10'/>\""),
    ("dhcp-host-badmac", "net-update default add ip-dhcp-host \"<host mac='zz' ip='1.2.3.4'/>\""),
    ("dhcp-host-noip", "net-update default add ip-dhcp-host \"<host name='x'/>\""),
    ("dhcp-host-noname", "net-update default add ip-dhcp-host \"<host ip='192.168.122.4'/>\""),
    ("dhcp-host-family", "net-update default add ip-dhcp-host \"<host name='x' ip='fe80::1'/>\""),
    ("dhcp-host-wrong-element", "net-update default add ip-dhcp-host "
                                "\"<hst name='x' ip='1.2.3.4'/>\""),
    ("dhcp-host-malformed", "net-update default add ip-dhcp-host \"<host name='x' ip='1.2.3.4'\""),
    ("dhcp-host-parent-index", "net-update default add ip-dhcp-host %s --parent-index 1; "
                               "net-update default add ip-dhcp-host %s --parent-index 0; "
                               "net-dumpxml default" % (H1, H1)),
    ("dhcp-range", "net-update default add ip-dhcp-range %s; net-dumpxml default; net-update "
                   "default add-first ip-dhcp-range %s; net-update default delete ip-dhcp-range "
                   "\"<range start='192.168.122.2' end='192.168.122.254'/>\"; net-dumpxml default"
                   % (R1, R1)),
    ("dhcp-range-modify", "net-update default modify ip-dhcp-range %s" % R1),
    ("dhcp-range-outside", "net-update default add ip-dhcp-range "
                           "\"<range start='10.0.0.1' end='10.0.0.5'/>\""),
    ("dhcp-range-netaddr", "net-update default add ip-dhcp-range "
                           "\"<range start='192.168.122.0' end='192.168.122.5'/>\""),
    ("dhcp-range-reversed", "net-update default add ip-dhcp-range "
                            "\"<range start='192.168.122.9' end='192.168.122.5'/>\""),
    ("dhcp-range-bogus", "net-update default add ip-dhcp-range "
                         "\"<range start='bogus' end='192.168.122.5'/>\""),
    ("dhcp-range-nostart", "net-update default add ip-dhcp-range "
                           "\"<range end='192.168.122.5'/>\""),
    ("dhcp-range-delete-missing", "net-update default delete ip-dhcp-range "
                                  "\"<range start='192.168.122.3' end='192.168.122.5'/>\""),
    ("forward-interface", "net-update default add forward-interface \"<interface dev='eth0'/>\"; "
                          "net-dumpxml default; net-update default add forward-interface "
                          "\"<interface dev='eth1'/>\"; net-update default add forward-interface "
                          "\"<interface dev='eth0'/>\"; net-update default delete "
                          "forward-interface \"<interface dev='eth0'/>\"; net-dumpxml default; "
                          "net-update default delete forward-interface \"<interface dev='eth0'/>\"; "
                          "net-update default modify forward-interface \"<interface dev='eth0'/>\""),
    ("forward-interface-nodev", "net-update default add forward-interface \"<interface/>\""),
    ("portgroup", "net-update default add portgroup \"<portgroup name='pg1' default='yes'/>\"; "
                  "net-update default add-first portgroup \"<portgroup name='pg0'><vlan><tag "
                  "id='42'/></vlan></portgroup>\"; net-dumpxml default; net-update default add "
                  "portgroup \"<portgroup name='pg2' default='yes'/>\"; net-update default add "
                  "portgroup \"<portgroup name='pg1'/>\"; net-update default modify portgroup "
                  "\"<portgroup name='pg1'/>\"; net-dumpxml default; net-update default delete "
                  "portgroup \"<portgroup name='pg0'/>\"; net-update default delete portgroup "
                  "\"<portgroup name='nope'/>\"; net-dumpxml default"),
    ("portgroup-noname", "net-update default add portgroup \"<portgroup/>\""),
    ("dns-host", "net-update default add dns-host \"<host ip='192.168.122.5'><hostname>a.example"
                 "</hostname><hostname>b</hostname></host>\"; net-update default add-first "
                 "dns-host \"<host ip='192.168.122.6'><hostname>c</hostname></host>\"; "
                 "net-dumpxml default; net-update default add dns-host \"<host "
                 "ip='192.168.122.5'><hostname>x</hostname></host>\"; net-update default delete "
                 "dns-host \"<host><hostname>b</hostname></host>\"; net-dumpxml default; "
                 "net-update default delete dns-host \"<host ip='192.168.122.99'/>\"; net-update "
                 "default modify dns-host \"<host ip='192.168.122.6'/>\""),
    ("dns-host-nohostname", "net-update default add dns-host \"<host ip='192.168.122.5'/>\""),
    ("dns-host-noip", "net-update default add dns-host \"<host><hostname>x</hostname></host>\""),
    ("dns-host-badip", "net-update default add dns-host \"<host ip='nope'><hostname>x</hostname>"
                       "</host>\""),
    ("dns-txt", "net-update default add dns-txt %s; net-update default add-first dns-txt "
                "\"<txt name='t0' value='v0'/>\"; net-dumpxml default; net-update default add "
                "dns-txt \"<txt name='t1' value='v9'/>\"; net-update default delete dns-txt "
                "\"<txt name='t1'/>\"; net-dumpxml default; net-update default delete dns-txt "
                "\"<txt name='t1'/>\"; net-update default add dns-txt \"<txt name='a b' "
                "value='x'/>\"; net-update default add dns-txt \"<txt name='ab'/>\"; net-update "
                "default add dns-txt \"<txt value='ab'/>\"" % TXT),
    ("dns-srv", "net-update default add dns-srv \"<srv service='name' protocol='tcp' "
                "domain='test-domain-name' target='.' port='1024' priority='10' weight='10'/>\"; "
                "net-update default add dns-srv \"<srv service='ldap' protocol='udp'/>\"; "
                "net-dumpxml default; net-update default add dns-srv \"<srv service='ldap' "
                "protocol='udp'/>\"; net-update default delete dns-srv \"<srv protocol='udp'/>\"; "
                "net-update default delete dns-srv \"<srv service='nope'/>\"; "
                "net-dumpxml default"),
    ("dns-srv-errors", "net-update default add dns-srv \"<srv service='x' protocol='tcp' "
                       "port='80'/>\"; net-update default add dns-srv \"<srv service='x' "
                       "protocol='tcp' target='a' port='0'/>\"; net-update default add dns-srv "
                       "\"<srv service='x@' protocol='tcp'/>\"; net-update default add dns-srv "
                       "\"<srv service='x'/>\"; net-update default add dns-srv "
                       "\"<srv protocol='tcp'/>\""),
    ("unsupported-sections", "net-update default add bridge \"<bridge name='x'/>\"; net-update "
                             "default add domain \"<domain name='x'/>\"; net-update default add "
                             "ip \"<ip/>\"; net-update default add forward \"<forward/>\"; "
                             "net-update default add forward-pf \"<pf dev='x'/>\""),
    ("inactive-live", "net-destroy default; net-update default add dns-txt %s --live; "
                      "net-update default add dns-txt %s; net-dumpxml default; "
                      "net-start default; net-dumpxml default" % (TXT, TXT)),
    ("active-config", "net-update default add dns-txt %s --config; net-dumpxml default; "
                      "net-destroy default; net-dumpxml default; net-start default; "
                      "net-dumpxml default" % TXT),
    ("active-live-persists", "net-update default add dns-txt %s --live; net-destroy default; "
                             "net-dumpxml default" % TXT),
    ("current-and-nosuch", "net-update default add dns-txt %s --current; "
                           "net-update nosuch add dns-txt %s" % (TXT, TXT)),
    ("transient-config", "net-create {tnet}; net-update tnet add dns-txt %s --config; "
                         "net-update tnet add dns-txt %s; net-dumpxml tnet" % (TXT, TXT)),
    ("rich-net", "net-define {rnet}; net-dumpxml rnet; net-update rnet add ip-dhcp-host "
                 "\"<host name='two' ip='10.1.1.12'/>\"; net-update rnet add ip-dhcp-host "
                 "\"<host name='three' ip='10.2.2.3'/>\" --parent-index 1; net-update rnet "
                 "add ip-dhcp-host \"<host id='0:1:2' name='six' ip='2001:db8::6'/>\" "
                 "--parent-index 2; net-update rnet delete portgroup \"<portgroup "
                 "name='engineering'/>\"; net-update rnet add portgroup \"<portgroup "
                 "name='ops' default='yes' trustGuestRxFilters='yes'/>\"; net-dumpxml rnet"),
    ("escaping", "net-update default add dns-txt \"<txt name='t&amp;1' value='v &lt;x&gt; "
                 "&apos;s'/>\"; net-update default add dns-host \"<host ip='192.168.122.5'>"
                 "<hostname>a&amp;b</hostname></host>\"; net-dumpxml default"),
    ("unescaped-values", "net-update default add ip-dhcp-host \"<host mac='52:54:00:AB:00:01' "
                         "name='h&amp;1' ip='192.168.122.010'/>\"; net-update default add "
                         "portgroup \"<portgroup name='p&amp;g'/>\"; net-update default add "
                         "portgroup \"<portgroup name='p&gt;g'/>\"; net-dumpxml default"),
    ("inet-aton-forms", "net-update default add ip-dhcp-host \"<host name='a' "
                        "ip='192.168.122.010'/>\"; net-update default add ip-dhcp-host "
                        "\"<host name='b' ip='10.1'/>\"; net-dumpxml default"),
    ("mac-case", "net-update default add ip-dhcp-host \"<host mac='52:54:00:ab:00:01' "
                 "name='h1' ip='192.168.122.10'/>\"; net-update default add ip-dhcp-host "
                 "\"<host mac='52:54:00:AB:00:01' name='h2' ip='192.168.122.11'/>\"; "
                 "net-update default delete ip-dhcp-host \"<host mac='52:54:00:AB:00:01'/>\"; "
                 "net-dumpxml default"),
    ("dns-srv-numbers", "net-update default add dns-srv \"<srv service='s' protocol='tcp' "
                        "target='t' port='abc'/>\"; net-update default add dns-srv \"<srv "
                        "service='s' protocol='tcp' target='t' priority='70000'/>\"; net-update "
                        "default add dns-srv \"<srv service='s' protocol='tcp' target='t' "
                        "weight='-1'/>\"; net-update default add dns-srv \"<srv service='s' "
                        "protocol='t!cp'/>\""),
    ("leases", "net-update default add ip-dhcp-range \"<range start='192.168.122.30' "
               "end='192.168.122.40'><lease expiry='1' unit='hours'/></range>\"; net-update "
               "default add ip-dhcp-host \"<host mac='52:54:00:ab:00:01' ip='192.168.122.50'>"
               "<lease expiry='0'/></host>\"; net-dumpxml default; net-update default add "
               "ip-dhcp-range \"<range start='192.168.122.60' end='192.168.122.70'><lease "
               "expiry='x'/></range>\"; net-update default add ip-dhcp-range \"<range "
               "start='192.168.122.60' end='192.168.122.70'><lease expiry='5' unit='days'/>"
               "</range>\""),
    ("live-and-config", "net-update default add ip-dhcp-host \"<host mac='52:54:00:ab:00:01' "
                        "ip='192.168.122.50'/>\" --config --live; net-dumpxml default; "
                        "net-destroy default; net-dumpxml default"),
    ("shuffled-net", "net-define {snet}; net-dumpxml snet; net-update snet add dns-txt "
                     "\"<txt name='a' value='b'/>\"; net-update snet add-first ip-dhcp-host "
                     "\"<host mac='52:54:00:00:00:0a' ip='10.4.4.11'/>\"; net-update snet "
                     "add-first ip-dhcp-range \"<range start='10.4.4.30' end='10.4.4.40'/>\"; "
                     "net-update snet add dns-srv \"<srv service='s' protocol='udp'/>\"; "
                     "net-dumpxml snet"),
    ("rich-net-dhcp-range-v6", "net-define {rnet}; net-update rnet add ip-dhcp-range "
                               "\"<range start='2001:db8::10' end='2001:db8::20'/>\" "
                               "--parent-index 2; net-dumpxml rnet"),
]

NODEDEV_CASES = [
    ("nodedev-create-destroy", "nodedev-create {vhba}; nodedev-dumpxml scsi_host12; "
                               "nodedev-list --cap scsi_host; nodedev-destroy scsi_host12; "
                               "nodedev-destroy scsi_host12; nodedev-list --cap fc_host"),
    ("nodedev-create-twice", "nodedev-create {vhba}; nodedev-create {vhba_noparent}; "
                             "nodedev-dumpxml scsi_host12"),
    ("nodedev-create-nowwn", "nodedev-create {vhba_nowwn}"),
    ("nodedev-create-not-vport-parent", "nodedev-create {vhba_badparent}"),
    ("nodedev-create-no-parent", "nodedev-create {vhba_nosuchparent}"),
    ("nodedev-create-wwn-parent", "nodedev-create {vhba_wwnparent}; nodedev-dumpxml scsi_host12"),
    ("nodedev-create-half-wwn", "nodedev-create {vhba_halfwwn}"),
    ("nodedev-create-not-fc", "nodedev-create {netdev}"),
    ("nodedev-create-bad-xml", "nodedev-create {badroot}; nodedev-create {nocap}; "
                               "nodedev-create {badcap}; nodedev-create {badsub}"),
    ("nodedev-create-nofile", "nodedev-create /nonexistent/dev.xml"),
    ("nodedev-create-validate", "nodedev-create {vhba} --validate; nodedev-create {netdev} "
                                "--validate; nodedev-create {badsub} --validate; nodedev-create "
                                "{vhba_named} --validate; nodedev-dumpxml scsi_host12"),
    ("nodedev-destroy-others", "nodedev-destroy computer; nodedev-destroy scsi_host11; "
                               "nodedev-list --cap scsi_host; nodedev-destroy nosuch"),
    ("nodedev-unsupported", "nodedev-define {vhba}; nodedev-undefine scsi_host11; "
                            "nodedev-start scsi_host11; nodedev-autostart scsi_host11; "
                            "nodedev-info scsi_host11"),
]

METADATA_CASES = [
    ("desc-title", "desc test --title --new-desc T; desc test --title; desc test hello; "
                   "desc test; dominfo test"),
    ("desc-config", "desc test --config c; desc test --config; desc test --live; "
                    "dumpxml --inactive test"),
    ("metadata-element", "metadata test --uri http://x/ --key k --set \"<a b='c'/>\"; "
                         "metadata test --uri http://x/; metadata test --uri http://x/ "
                         "--remove; metadata test --uri http://x/"),
]

# virsh dump: the test driver writes its magic, stops the domain as crashed
# with --crash, refuses non-raw formats after writing the file.
DUMP_CASES = [
    ("dump", "dump test {dumpdir}/d1.core; domstate test; dump test {dumpdir}/d2.core --crash; "
             "domstate --reason test; dump test {dumpdir}/d3.core"),
    ("dump-format", "dump test {dumpdir}/d4.core --format kdump-zlib; domstate test; "
                    "dump test {dumpdir}/d5.core --memory-only --format elf; "
                    "dump test {dumpdir}/d6.core --memory-only --format win-dmp"),
    ("dump-flags", "dump test {dumpdir}/d7.core --live --crash; dump test {dumpdir}/d8.core "
                   "--reset; dump test {dumpdir}/d9.core --bypass-cache"),
    ("dump-paths", "dump test /nonexistent/dir/x.core; "
                   "dump test {dumpdir}/../{dumpbase}/./d10.core; dump nosuch {dumpdir}/x.core"),
    ("dump-transient", "destroy test; dump test {dumpdir}/d11.core"),
]

CASES = NET_UPDATE_CASES + NODEDEV_CASES + METADATA_CASES + DUMP_CASES

RO_CASES = [
    ("ro-net-update", "net-update default add dns-txt %s" % TXT),
    ("ro-nodedev-create", "nodedev-create {vhba}"),
    ("ro-nodedev-destroy", "nodedev-destroy scsi_host11"),
    ("ro-dump", "dump test /nonexistent/x.core"),
]


@pytest.fixture(scope="module")
def misc_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("miscxml")
    files = {}
    for key, text in FILES.items():
        p = d / (key + ".xml")
        p.write_text(text)
        files[key] = str(p)
    files["dumpdir"] = str(d)
    files["dumpbase"] = d.name
    return files


def test_enough_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_misc_same_output(libvirtd, vireod, misc_files, case):
    assert_same(libvirtd, vireod, "tcp_uri", case[1].format(**misc_files))


@pytest.mark.parametrize("case", RO_CASES, ids=[c[0] for c in RO_CASES])
def test_misc_readonly_same_output(libvirtd, vireod, misc_files, case):
    assert_same(libvirtd, vireod, "unix_uri", case[1].format(**misc_files), readonly=True)


# What virsh cannot send: command and section codes outside its tables,
# unknown flags, negative parent indexes, and the node device handle
# calls, walked with python3-libvirt and printed outcome by outcome.
PYTHON_WALK = r"""
import sys, libvirt
libvirt.registerErrorHandler(lambda ctx, err: None, None)
c = libvirt.open(sys.argv[1])
net = c.networkLookupByName("default")
txt = "<txt name='py' value='1'/>"
for args in [(0, 11, -1, txt, 0), (5, 11, -1, txt, 0), (3, 0, -1, txt, 0), (3, 13, -1, txt, 0),
             (3, 11, -1, txt, 4), (3, 11, -7, txt, 0), (3, 11, -1, txt, 3),
             (0, 4, -1, "<host name='a' ip='192.168.122.9'/>", 0),
             (3, 4, 5, "<host name='a' ip='192.168.122.9'/>", 0),
             (3, 5, -1, "<range start='192.168.122.1' end='192.168.122.255'/>", 0),
             (3, 5, -1, "<range start='192.168.122.30' end='fe80::1'/>", 0),
             (3, 4, -1, "<host name='_bad' ip='192.168.122.9'/>", 0),
             (3, 4, -1, "<host id='zz' name='a' ip='192.168.122.9'/>", 0),
             (3, 4, -1, "<host name='a' ip='192.168.122.9'><lease expiry='1'/></host>", 0),
             (3, 4, -1, "<host name='b' ip='192.168.122.8'><lease expiry='3' unit='hours'/></host>", 0),
             (3, 5, -1, "<range start='192.168.122.30' end='192.168.122.40'><lease expiry='0'/></range>", 0)]:
    try:
        print(args[:3], net.update(*args))
    except libvirt.libvirtError as e:
        print(args[:3], e.get_error_code(), e.get_error_domain(), e.get_error_message())
print(net.XMLDesc())
try:
    dev = c.nodeDeviceCreateXML(open(sys.argv[2]).read(), 0)
    print(dev.name(), dev.XMLDesc(), dev.listCaps())
    print(dev.destroy())
    c.nodeDeviceCreateXML(open(sys.argv[2]).read(), 8)
except libvirt.libvirtError as e:
    print(e.get_error_code(), e.get_error_domain(), e.get_error_message())
"""


def test_python_walk_same(libvirtd, vireod, misc_files):
    outs = []
    for d in (libvirtd, vireod):
        rc, out, err = helpers.run(["/usr/bin/python3", "-c", PYTHON_WALK, d.tcp_uri,
                                    misc_files["vhba"]], timeout=60)
        assert rc == 0, err
        outs.append(out)
    assert "unrecognized network update command code 0" in outs[0]
    assert outs[0] == outs[1]


HOSTILE = r"""
import sys, libvirt
libvirt.registerErrorHandler(lambda ctx, err: None, None)
c = libvirt.open(sys.argv[1])
net = c.networkLookupByName("default")
deep = "<a>" * 100000 + "</a>" * 100000
wide = "<txt name='x' value='" + "v" * (3 * 1024 * 1024) + "'/>"
many = "<host ip='192.168.122.5'>" + "<hostname>h</hostname>" * 100000 + "</host>"
for section, xml in ((11, deep), (11, wide), (10, many), (4, "<host " + "a='1' " * 50000 + "/>")):
    try:
        net.update(3, section, -1, xml, 0)
        print("ok")
    except libvirt.libvirtError as e:
        print("error", e.get_error_code())
for xml in (deep, "<device>" + "<capability type='scsi_host'/>" * 100000 + "</device>"):
    try:
        c.nodeDeviceCreateXML(xml, 0)
        print("ok")
    except libvirt.libvirtError as e:
        print("error", e.get_error_code())
print(c.networkLookupByName("default").name())
"""


def test_hostile_update_xml(vireod):
    """Deep, wide and repetitive XML gets an answer (error or success) and
    the daemon keeps serving."""
    rc, out, err = helpers.run(["/usr/bin/python3", "-c", HOSTILE, vireod.tcp_uri], timeout=120)
    assert rc == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("error") and lines[-1] == "default", out
    assert len(lines) == 7
    assert vireod.alive()
