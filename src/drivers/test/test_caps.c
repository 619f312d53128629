/*
 * test_caps.c: the capabilities document of a test driver state.
 *
 * Host: i686 with pae/nonpae, four page sizes, one NUMA cell per state
 * cell (8 cpus each in the default state; none for state files), the
 * testSecurity model. Guests: hvm and xen on i686 with the test emulator.
 */
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/buf.h"

static const unsigned int test_page_sizes[] = { 4, 8, 2048, 1024 * 1024 };

static void
test_caps_format_cell(VireoBuf *buf, const TestState *st, int i, int *cpu_id)
{
    /* cell 1 reports its free pages in 8 KiB pages, the others in 4 KiB */
    unsigned int first = i == 1 ? test_page_sizes[1] : test_page_sizes[0];

    buf_addf(buf, "        <cell id='%d'>\n", i);
    buf_addf(buf, "          <memory unit='KiB'>%llu</memory>\n", st->cells[i].mem);
    buf_addf(buf, "          <pages unit='KiB' size='%u'>%llu</pages>\n", first,
             st->cells[i].mem / first);
    for (size_t p = 2; p < ARRAY_SIZE(test_page_sizes); p++)
        buf_addf(buf, "          <pages unit='KiB' size='%u'>0</pages>\n", test_page_sizes[p]);
    buf_addf(buf, "          <cpus num='%d'>\n", st->cells[i].ncpus);
    for (int c = 0; c < st->cells[i].ncpus; c++, (*cpu_id)++)
        buf_addf(buf, "            <cpu id='%d' socket_id='%d' die_id='0' core_id='%d' "
                      "siblings='%d'/>\n", *cpu_id, *cpu_id / 8, *cpu_id % 8, *cpu_id);
    buf_add(buf, "          </cpus>\n");
    buf_add(buf, "        </cell>\n");
}

static void
test_caps_format_guest(VireoBuf *buf, const char *os_type)
{
    buf_add(buf, "  <guest>\n");
    buf_addf(buf, "    <os_type>%s</os_type>\n", os_type);
    buf_add(buf, "    <arch name='i686'>\n"
                 "      <wordsize>32</wordsize>\n"
                 "      <emulator>/usr/bin/test-hv</emulator>\n"
                 "      <domain type='test'/>\n"
                 "    </arch>\n"
                 "    <features>\n"
                 "      <pae/>\n"
                 "      <nonpae/>\n"
                 "    </features>\n"
                 "  </guest>\n\n");
}

char *
test_caps_format(const TestState *st)
{
    VireoBuf buf = VIREO_BUF_INIT;
    int cpu_id = 0;

    buf_add(&buf, "<capabilities>\n\n  <host>\n    <cpu>\n      <arch>i686</arch>\n"
                  "      <features>\n        <pae/>\n        <nonpae/>\n      </features>\n");
    for (size_t p = 0; p < ARRAY_SIZE(test_page_sizes); p++)
        buf_addf(&buf, "      <pages unit='KiB' size='%u'/>\n", test_page_sizes[p]);
    buf_add(&buf, "    </cpu>\n    <power_management/>\n    <iommu support='no'/>\n"
                  "    <topology>\n");
    buf_addf(&buf, "      <cells num='%d'>\n", st->ncells);
    for (int i = 0; i < st->ncells; i++)
        test_caps_format_cell(&buf, st, i, &cpu_id);
    buf_add(&buf, "      </cells>\n    </topology>\n    <secmodel>\n"
                  "      <model>testSecurity</model>\n      <doi></doi>\n    </secmodel>\n"
                  "  </host>\n\n");
    test_caps_format_guest(&buf, "hvm");
    test_caps_format_guest(&buf, "xen");
    buf_add(&buf, "</capabilities>\n");
    return buf_steal(&buf);
}
