/*
 * test_qemuwire.c: the test driver's answers to the calls the QEMU driver
 * brought in, as libvirt's test driver gives them (block statistics made
 * up from the clock; it has no domain capabilities).
 */
#include <string.h>
#include <sys/time.h>

#include "drivers/test/test_private.h"
#include "util/error.h"

/* A disk named by its target ("vda") or its source path. */
static bool
test_domain_has_disk(const DomainDef *def, const char *disk)
{
    for (size_t i = 0; i < def->ndisks; i++) {
        const DomainDisk *d = def->disks[i];

        if ((d->dst && strcmp(d->dst, disk) == 0) ||
            (d->source && strcmp(d->source, disk) == 0))
            return true;
    }
    return false;
}

int
test_domain_block_stats(virDomainPtr dom, const char *disk, virDomainBlockStatsPtr stats)
{
    TestState *st;
    TestDomain *obj;
    struct timeval tv;
    long long base;
    int ret = -1;

    if (!*disk) {
        vir_error_report(VIR_FROM_TEST, VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                         "summary statistics are not supported yet");
        return -1;
    }
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (test_domain_check_active(obj) < 0)
        goto out;
    if (!test_domain_has_disk(obj->def, disk)) {
        vir_error_report(VIR_FROM_TEST, VIR_ERR_INVALID_ARG, "invalid path: %s", disk);
        goto out;
    }
    /* Numbers with no meaning that move with time, as libvirt's. */
    gettimeofday(&tv, NULL);
    base = (long long)tv.tv_sec * 1000000LL + tv.tv_usec;
    stats->rd_req = base / 10;
    stats->rd_bytes = base / 20;
    stats->wr_req = base / 30;
    stats->wr_bytes = base / 40;
    stats->errs = base / (1000LL * 1000LL * 2);
    ret = 0;
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}
