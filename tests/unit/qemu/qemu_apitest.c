/*
 * qemu_apitest.c: drives the QEMU driver in-process through the public API,
 * for the integration tests (tests/integration/test_qemu_*.py).
 *
 * Usage: qemu-apitest ROOT CMD [ARGS] [-- CMD [ARGS]]...
 * opens qemu:///embed?root=ROOT and runs the commands in order, printing
 * one result line each. A process is one "daemon run": the next one
 * reconnects to the VMs this one leaves running. Exit status 1 on the
 * first failing command, after printing "error: <message>".
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "drivers/driver.h"
#include "drivers/qemu/qemu_driver.h"

static double
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static char *
read_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char *buf;
    long n;

    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = calloc(1, (size_t)n + 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

/* Events the driver emitted, printed and cleared by the "events" command. */
static pthread_mutex_t events_lock = PTHREAD_MUTEX_INITIALIZER;
static char events_buf[65536];
static size_t events_len;

static void
record_event(const char *name, const unsigned char *uuid, int id, int event_id, int event,
             int detail, void *opaque)
{
    (void)uuid;
    (void)opaque;
    pthread_mutex_lock(&events_lock);
    int n = snprintf(events_buf + events_len, sizeof(events_buf) - events_len,
                     "event %s id=%d %s %d %d\n", name, id,
                     event_id == QEMU_EVENT_ID_REBOOT ? "reboot" : "lifecycle", event, detail);
    if (n > 0 && (size_t)n < sizeof(events_buf) - events_len)
        events_len += (size_t)n;
    pthread_mutex_unlock(&events_lock);
}

static void
print_events(void)
{
    pthread_mutex_lock(&events_lock);
    fwrite(events_buf, 1, events_len, stdout);
    events_len = 0;
    pthread_mutex_unlock(&events_lock);
    printf("events end\n");
}

static const char *const state_names[] = {
    "nostate", "running", "blocked", "paused", "shutdown", "shutoff", "crashed", "pmsuspended",
};

static int
fail(void)
{
    virErrorPtr err = virGetLastError();

    printf("error: %s (code %d, domain %d)\n", err && err->message ? err->message : "unknown",
           err ? err->code : -1, err ? err->domain : -1);
    return -1;
}

static virDomainPtr
lookup(virConnectPtr conn, const char *name)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);

    if (!dom)
        fail();
    return dom;
}

/* Waits until name reaches state (by name) or timeout_ms passes. */
static int
cmd_wait_state(virConnectPtr conn, char **argv)
{
    virDomainPtr dom = lookup(conn, argv[0]);
    double end = now_ms() + atof(argv[2]);
    int state = -1, reason = -1;

    if (!dom)
        return -1;
    while (now_ms() < end) {
        if (virDomainGetState(dom, &state, &reason, 0) < 0) {
            /* a transient domain disappears when it stops */
            if (strcmp(argv[1], "gone") == 0) {
                printf("gone\n");
                virDomainFree(dom);
                return 0;
            }
            fail();
            virDomainFree(dom);
            return -1;
        }
        if (state >= 0 && state < 8 && strcmp(state_names[state], argv[1]) == 0) {
            printf("%s %d\n", state_names[state], reason);
            virDomainFree(dom);
            return 0;
        }
        usleep(10000);
    }
    printf("error: timeout waiting for %s (state %d reason %d)\n", argv[1], state, reason);
    virDomainFree(dom);
    return -1;
}

/* Commands taking a domain name and returning int. */
static int
cmd_dom(virConnectPtr conn, const char *cmd, char **argv)
{
    virDomainPtr dom = lookup(conn, argv[0]);
    double t0 = now_ms();
    int rc = -1;

    if (!dom)
        return -1;
    if (strcmp(cmd, "start") == 0)
        rc = virDomainCreate(dom);
    else if (strcmp(cmd, "start-paused") == 0)
        rc = virDomainCreateWithFlags(dom, VIR_DOMAIN_START_PAUSED);
    else if (strcmp(cmd, "suspend") == 0)
        rc = virDomainSuspend(dom);
    else if (strcmp(cmd, "resume") == 0)
        rc = virDomainResume(dom);
    else if (strcmp(cmd, "shutdown") == 0)
        rc = virDomainShutdown(dom);
    else if (strcmp(cmd, "reboot") == 0)
        rc = virDomainReboot(dom, 0);
    else if (strcmp(cmd, "reset") == 0)
        rc = qemu_domain_reset(dom, 0);
    else if (strcmp(cmd, "destroy") == 0)
        rc = virDomainDestroy(dom);
    else if (strcmp(cmd, "undefine") == 0)
        rc = virDomainUndefine(dom);
    else if (strcmp(cmd, "autostart") == 0)
        rc = virDomainSetAutostart(dom, 1);
    else if (strcmp(cmd, "setmem") == 0)
        rc = virDomainSetMemoryFlags(dom, strtoul(argv[1], NULL, 10), VIR_DOMAIN_AFFECT_LIVE);
    if (rc < 0) {
        fail();
        virDomainFree(dom);
        return -1;
    }
    printf("%s ok %.1f ms\n", cmd, now_ms() - t0);
    virDomainFree(dom);
    return 0;
}

static int
cmd_info(virConnectPtr conn, const char *cmd, char **argv)
{
    virDomainPtr dom = lookup(conn, argv[0]);
    virDomainInfo info;
    int state, reason;
    char *xml;

    if (!dom)
        return -1;
    if (strcmp(cmd, "state") == 0) {
        if (virDomainGetState(dom, &state, &reason, 0) < 0)
            goto error;
        printf("%s %d id=%d\n", state_names[state], reason, virDomainGetID(dom));
    } else if (strcmp(cmd, "info") == 0) {
        if (virDomainGetInfo(dom, &info) < 0)
            goto error;
        printf("state=%d max=%lu mem=%lu vcpus=%u\n", info.state, info.maxMem, info.memory,
               info.nrVirtCpu);
    } else {
        xml = virDomainGetXMLDesc(dom, strcmp(cmd, "dumpxml-inactive") == 0
                                           ? VIR_DOMAIN_XML_INACTIVE : 0);
        if (!xml)
            goto error;
        fputs(xml, stdout);
        free(xml);
    }
    virDomainFree(dom);
    return 0;
error:
    fail();
    virDomainFree(dom);
    return -1;
}

static int
cmd_xml(virConnectPtr conn, const char *cmd, char **argv)
{
    char *xml = read_file(argv[0]);
    virDomainPtr dom;
    double t0 = now_ms();

    if (!xml) {
        printf("error: cannot read %s\n", argv[0]);
        return -1;
    }
    dom = strcmp(cmd, "define") == 0 ? virDomainDefineXML(conn, xml)
                                     : virDomainCreateXML(conn, xml, 0);
    free(xml);
    if (!dom)
        return fail();
    printf("%s ok %s %.1f ms\n", cmd, virDomainGetName(dom), now_ms() - t0);
    virDomainFree(dom);
    return 0;
}

static int
cmd_list(virConnectPtr conn)
{
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(conn, &doms, 0);

    if (n < 0)
        return fail();
    for (int i = 0; i < n; i++) {
        int state, reason;
        virDomainGetState(doms[i], &state, &reason, 0);
        printf("%d %s %s\n", virDomainGetID(doms[i]), virDomainGetName(doms[i]),
               state_names[state]);
        virDomainFree(doms[i]);
    }
    free(doms);
    printf("total %d\n", n);
    return 0;
}

/* The helpers the daemon's console/screenshot/domblkstat procedures use. */
static int
cmd_stream_helpers(virConnectPtr conn, const char *cmd, int argc, char **argv)
{
    virDomainPtr dom = lookup(conn, argv[0]);
    char *path = NULL;
    QemuBlockStats st;
    int rc;

    if (!dom)
        return -1;
    if (strcmp(cmd, "console-path") == 0) {
        rc = qemu_domain_console_path(dom, argc > 1 ? argv[1] : NULL, &path);
        if (rc == 0)
            printf("console %s\n", path);
    } else if (strcmp(cmd, "screenshot") == 0) {
        rc = qemu_domain_screenshot(dom, 0, &path);
        if (rc == 0)
            printf("screenshot %s\n", path);
    } else {
        rc = argc > 1 ? qemu_domain_block_stats(dom, argv[1], &st) : -1;
        if (rc == 0)
            printf("blockstats rd_req=%lld rd_bytes=%lld wr_req=%lld wr_bytes=%lld errs=%lld\n",
                   st.rd_req, st.rd_bytes, st.wr_req, st.wr_bytes, st.errs);
    }
    free(path);
    if (rc < 0)
        fail();
    virDomainFree(dom);
    return rc;
}

static int
run(virConnectPtr conn, int argc, char **argv)
{
    const char *cmd = argv[0];
    double t0 = now_ms();

    if (strcmp(cmd, "define") == 0 || strcmp(cmd, "create") == 0)
        return argc >= 2 ? cmd_xml(conn, cmd, argv + 1) : -1;
    if (strcmp(cmd, "wait-state") == 0)
        return argc >= 4 ? cmd_wait_state(conn, argv + 1) : -1;
    if (strcmp(cmd, "list") == 0)
        return cmd_list(conn);
    if (strcmp(cmd, "events") == 0)
        return print_events(), 0;
    if (strcmp(cmd, "sleep") == 0)
        return argc >= 2 ? (usleep((useconds_t)atoi(argv[1]) * 1000), 0) : -1;
    if (strcmp(cmd, "domcaps") == 0) {
        char *caps = qemu_connect_domain_capabilities(conn, NULL, NULL, argc > 1 ? argv[1] : NULL,
                                                      argc > 2 ? argv[2] : NULL, 0);
        if (!caps)
            return fail();
        fputs(caps, stdout);
        free(caps);
        return 0;
    }
    if (strcmp(cmd, "caps") == 0) {
        char *caps = virConnectGetCapabilities(conn);
        if (!caps)
            return fail();
        fputs(caps, stdout);
        printf("caps ok %.1f ms\n", now_ms() - t0);
        free(caps);
        return 0;
    }
    if (argc < 2)
        return -1;
    if (strcmp(cmd, "console-path") == 0 || strcmp(cmd, "screenshot") == 0 ||
        strcmp(cmd, "blockstats") == 0)
        return cmd_stream_helpers(conn, cmd, argc - 1, argv + 1);
    if (strcmp(cmd, "state") == 0 || strcmp(cmd, "info") == 0 || strcmp(cmd, "dumpxml") == 0 ||
        strcmp(cmd, "dumpxml-inactive") == 0)
        return cmd_info(conn, cmd, argv + 1);
    return cmd_dom(conn, cmd, argv + 1);
}

int
main(int argc, char **argv)
{
    char uri[512];
    virConnectPtr conn;
    double t0 = now_ms();

    if (argc < 3) {
        fprintf(stderr, "usage: qemu-apitest ROOT CMD [ARGS] [-- CMD [ARGS]]...\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    vireo_driver_register(&vireo_qemu_driver);
    qemu_driver_set_event_sink(record_event, NULL);
    snprintf(uri, sizeof(uri), "qemu:///embed?root=%s", argv[1]);
    if (!(conn = virConnectOpen(uri))) {
        fail();
        return 1;
    }
    printf("open ok %.1f ms\n", now_ms() - t0);
    for (int i = 2; i < argc;) {
        int j = i;
        while (j < argc && strcmp(argv[j], "--") != 0)
            j++;
        if (run(conn, j - i, argv + i) < 0) {
            if (!virGetLastError())
                printf("error: bad command '%s'\n", argv[i]);
            virConnectClose(conn);
            return 1;
        }
        i = j + 1;
    }
    virConnectClose(conn);
    return 0;
}
