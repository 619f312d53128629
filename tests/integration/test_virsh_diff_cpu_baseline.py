"""Differential suite for virConnectBaselineCPU: stock `virsh cpu-baseline
FILE` (plain, --features, --migratable) over realistic host CPU descriptions
(an Intel Skylake laptop, an Intel Haswell server, AMD EPYC Rome and EPYC
hosts, older models without a vendor), the test driver's own capabilities
(whose host CPU has no model) and broken inputs, against Debian's libvirtd
test driver and against vireod: exit status, stdout and stderr identical.
The result depends on libvirt's CPU map, which vireod reads where libvirt
installs it, so both sides see the same models and features.
"""

import subprocess

import pytest

from test_virsh_diff_objects import assert_same

SKYLAKE = """<cpu>
  <arch>x86_64</arch>
  <model>Skylake-Client-IBRS</model>
  <vendor>Intel</vendor>
  <microcode version='240'/>
  <signature family='6' model='94' stepping='3'/>
  <counter name='tsc' frequency='2591999000' scaling='no'/>
  <topology sockets='1' dies='1' cores='4' threads='2'/>
  <feature name='ds'/>
  <feature name='acpi'/>
  <feature name='ss'/>
  <feature name='ht'/>
  <feature name='tm'/>
  <feature name='pbe'/>
  <feature name='dtes64'/>
  <feature name='monitor'/>
  <feature name='ds_cpl'/>
  <feature name='vmx'/>
  <feature name='smx'/>
  <feature name='est'/>
  <feature name='tm2'/>
  <feature name='xtpr'/>
  <feature name='pdcm'/>
  <feature name='osxsave'/>
  <feature name='tsc_adjust'/>
  <feature name='clflushopt'/>
  <feature name='intel-pt'/>
  <feature name='md-clear'/>
  <feature name='stibp'/>
  <feature name='ssbd'/>
  <feature name='xsaves'/>
  <feature name='pdpe1gb'/>
  <feature name='invtsc'/>
  <pages unit='KiB' size='4'/>
  <pages unit='KiB' size='2048'/>
</cpu>
"""

HASWELL = """<cpu>
  <arch>x86_64</arch>
  <model>Haswell-noTSX-IBRS</model>
  <vendor>Intel</vendor>
  <signature family='6' model='63' stepping='2'/>
  <topology sockets='2' dies='1' cores='12' threads='2'/>
  <feature name='vme'/>
  <feature name='ds'/>
  <feature name='acpi'/>
  <feature name='ss'/>
  <feature name='ht'/>
  <feature name='tm'/>
  <feature name='pbe'/>
  <feature name='dtes64'/>
  <feature name='monitor'/>
  <feature name='ds_cpl'/>
  <feature name='vmx'/>
  <feature name='smx'/>
  <feature name='est'/>
  <feature name='tm2'/>
  <feature name='xtpr'/>
  <feature name='pdcm'/>
  <feature name='dca'/>
  <feature name='osxsave'/>
  <feature name='f16c'/>
  <feature name='rdrand'/>
  <feature name='arat'/>
  <feature name='tsc_adjust'/>
  <feature name='md-clear'/>
  <feature name='stibp'/>
  <feature name='ssbd'/>
  <feature name='xsaveopt'/>
  <feature name='pdpe1gb'/>
  <feature name='abm'/>
  <feature name='invtsc'/>
</cpu>
"""

EPYC_ROME = """<cpu>
  <arch>x86_64</arch>
  <model>EPYC-Rome</model>
  <vendor>AMD</vendor>
  <microcode version='137367679'/>
  <signature family='23' model='49' stepping='0'/>
  <topology sockets='1' dies='1' cores='32' threads='2'/>
  <feature name='ht'/>
  <feature name='osxsave'/>
  <feature name='cmp_legacy'/>
  <feature name='extapic'/>
  <feature name='skinit'/>
  <feature name='wdt'/>
  <feature name='tce'/>
  <feature name='topoext'/>
  <feature name='perfctr_core'/>
  <feature name='perfctr_nb'/>
  <feature name='invtsc'/>
  <feature name='ibs'/>
  <feature name='svm'/>
  <feature name='npt'/>
  <feature name='virt-ssbd'/>
</cpu>
"""

EPYC = """<cpu>
  <arch>x86_64</arch>
  <model>EPYC-IBPB</model>
  <vendor>AMD</vendor>
  <feature name='ht'/>
  <feature name='osxsave'/>
  <feature name='cmp_legacy'/>
  <feature name='extapic'/>
  <feature name='skinit'/>
  <feature name='topoext'/>
  <feature name='perfctr_core'/>
  <feature name='svm'/>
  <feature name='npt'/>
  <feature name='virt-ssbd'/>
</cpu>
"""

NOVENDOR_A = ("<cpu><arch>x86_64</arch><model>Nehalem</model>"
              "<feature name='vmx'/><feature name='aes'/></cpu>")
NOVENDOR_B = ("<cpu><arch>x86_64</arch><model>core2duo</model>"
              "<feature name='vmx'/><feature name='sse4.1'/></cpu>")
I686 = ("<cpu><arch>i686</arch><model>pentium3</model><vendor>Intel</vendor>"
        "<feature name='pae'/></cpu>")
OPTERON = ("<cpu><arch>x86_64</arch><model>Opteron_G3</model>"
           "<feature name='svm'/><feature name='lahf_lm'/></cpu>")

FILES = {
    "skylake": SKYLAKE,
    "haswell": HASWELL,
    "rome": EPYC_ROME,
    "intel2": SKYLAKE + HASWELL,
    "intel3": SKYLAKE + HASWELL + NOVENDOR_A,
    "amd2": EPYC_ROME + EPYC,
    "amd_opteron": EPYC + OPTERON,
    "mixed_vendors": SKYLAKE + EPYC_ROME,
    "novendor": NOVENDOR_A + NOVENDOR_B,
    "novendor_then_intel": NOVENDOR_B + HASWELL,
    "i686": I686,
    "same_model": HASWELL + HASWELL.replace("<feature name='dca'/>", ""),
    "no_model": "<cpu><arch>x86_64</arch><vendor>Intel</vendor></cpu>",
    "no_arch": "<cpu><model>Haswell</model></cpu>",
    "bad_arch": "<cpu><arch>z80</arch><model>Haswell</model></cpu>",
    "s390": "<cpu><arch>s390x</arch><model>z13</model></cpu>",
    "sparc": "<cpu><arch>sparc64</arch><model>foo</model></cpu>",
    "bad_model": "<cpu><arch>x86_64</arch><model>Pentium9000</model></cpu>",
    "bad_model_second": SKYLAKE + "<cpu><arch>x86_64</arch><model>Nope</model></cpu>",
    "bad_feature": "<cpu><arch>x86_64</arch><model>Haswell</model><feature name='warp'/></cpu>",
    "dup_feature": ("<cpu><arch>x86_64</arch><model>Haswell</model>"
                    "<feature name='vmx'/><feature name='vmx'/></cpu>"),
    "empty_feature": "<cpu><arch>x86_64</arch><model>Haswell</model><feature name=''/></cpu>",
    "bad_vendor": "<cpu><arch>x86_64</arch><model>Haswell</model><vendor>Cyrix</vendor></cpu>",
    "vendor_vs_model": SKYLAKE + ("<cpu><arch>x86_64</arch><model>Haswell</model>"
                                  "<vendor>AMD</vendor></cpu>"),
    "guest_mode": "<cpu mode='host-model'><arch>x86_64</arch><model>Haswell</model></cpu>",
}

CASES = [
    ("caps", "cpu-baseline {caps}"),
    ("caps-features", "cpu-baseline --features {caps}"),
] + [(name, "cpu-baseline {%s}" % name) for name in FILES] + [
    (name + "-features", "cpu-baseline --features {%s}" % name)
    for name in ("skylake", "haswell", "rome", "intel2", "intel3", "amd2", "amd_opteron",
                 "novendor", "novendor_then_intel", "i686", "same_model")
] + [
    ("migratable", "cpu-baseline --migratable {skylake}"),
    ("features-migratable", "cpu-baseline --features --migratable {intel2}"),
    ("missing-file", "cpu-baseline /nonexistent/cpus.xml"),
]


@pytest.fixture(scope="module")
def cpu_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("cpuxml")
    files = {}
    for key, text in FILES.items():
        p = d / (key + ".xml")
        p.write_text(text)
        files[key] = str(p)
    # the test driver's capabilities, as `virsh capabilities` prints them
    # (libvirt's own test driver, in process: the same document libvirtd has)
    out = subprocess.run(["virsh", "-c", "test:///default", "capabilities"], check=True,
                         capture_output=True, text=True).stdout
    assert "<host>" in out
    p = d / "caps.xml"
    p.write_text(out)
    files["caps"] = str(p)
    return files


def test_enough_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_cpu_baseline_same_output(libvirtd, vireod, cpu_files, case):
    assert_same(libvirtd, vireod, "tcp_uri", case[1].format(**cpu_files))


@pytest.mark.parametrize("case", [c for c in CASES if c[0] in ("intel2", "amd2-features")],
                         ids=["ro-intel2", "ro-amd2-features"])
def test_cpu_baseline_readonly_same_output(libvirtd, vireod, cpu_files, case):
    assert_same(libvirtd, vireod, "unix_uri", case[1].format(**cpu_files), readonly=True)


def _map_names():
    """libvirt's x86 models and features, from the map both daemons read."""
    import xml.etree.ElementTree as ET
    base = "/usr/share/libvirt/cpu_map/"
    models = []
    for arch in ET.parse(base + "index.xml").getroot().findall("arch"):
        if arch.get("name") != "x86":
            continue
        for inc in arch.findall("include"):
            for m in ET.parse(base + inc.get("filename")).getroot().findall("model"):
                v = m.find("vendor")
                models.append((m.get("name"), v.get("name") if v is not None else None))
    feats = [f.get("name") for f in
             ET.parse(base + "x86_features.xml").getroot().findall("feature")]
    return models, feats


def test_cpu_baseline_random_same(libvirtd, vireod):
    """Seeded random sets of 1-4 host CPUs (any map model, up to 12 extra
    features, vendors given or not): python3-libvirt gets the same CPU XML,
    or the same error message, from both daemons."""
    import random
    import libvirt
    models, feats = _map_names()
    rnd = random.Random(20261121)

    def host_cpu(with_vendor):
        name, vendor = rnd.choice(models)
        v = "<vendor>%s</vendor>" % vendor if with_vendor and vendor else ""
        fs = "".join("<feature name='%s'/>" % f for f in rnd.sample(feats, rnd.randint(0, 12)))
        return "<cpu><arch>x86_64</arch><model>%s</model>%s%s</cpu>" % (name, v, fs)

    def answer(conn, cpus, flags):
        try:
            return ("ok", conn.baselineCPU(cpus, flags))
        except libvirt.libvirtError as e:
            return ("error", e.get_error_code(), e.get_error_domain(), e.get_error_message())

    ref = libvirt.open(libvirtd.tcp_uri)
    ours = libvirt.open(vireod.tcp_uri)
    try:
        oks = 0
        for _ in range(300):
            with_vendor = rnd.random() < 0.7
            cpus = [host_cpu(with_vendor) for _ in range(rnd.randint(1, 4))]
            flags = rnd.choice([0, libvirt.VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES])
            want = answer(ref, cpus, flags)
            assert answer(ours, cpus, flags) == want, (cpus, flags)
            oks += want[0] == "ok"
        # the sample really exercises the computation, not only its errors
        assert oks >= 150
    finally:
        ours.close()
        ref.close()
