/*
 * qemu_caps.c: what the qemu binary can do, probed once over QMP and cached
 * on disk keyed by the binary's identity (path, size, mtime), and the
 * capabilities XML built from it.
 *
 * Both the probe and the self-test run qemu with qemu.conf's user and group
 * (as libvirt runs its probe), so what is recorded is what a domain's qemu
 * can do; the cache's identity names that user, so a change re-probes.
 *
 * KVM is offered only after a self-test guest really boots under it: on
 * some hosts /dev/kvm exists and QEMU reports KVM enabled, yet guests hang
 * (QEMU.md §1.5). The self-test runs on its own thread so that the first
 * capabilities answer is not delayed by it; until it passes, KVM is off.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "drivers/qemu/qemu_private.h"
#include "drivers/qemu/qemu_driver.h"
#include "drivers/qemu/qemu_seclabel.h"
#include "drivers/qemu/qemu_security.h"
#include "util/alloc.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_QEMU
#include "util/error.h"

#define QEMU_DEFAULT_EMULATOR "/usr/bin/qemu-system-x86_64"
#define QEMU_KVM_SELFTEST_MS 4000

void
qemu_caps_free(QemuCaps *caps)
{
    if (!caps)
        return;
    free(caps->emulator);
    strv_free(caps->machines);
    strv_free(caps->machine_aliases);
    strv_free(caps->cpu_models);
    free(caps->pc_canonical);
    free(caps);
}

static void
strv_push(char ***strv, size_t *n, const char *s)
{
    *strv = xreallocarray(*strv, *n + 2, sizeof(**strv));
    (*strv)[(*n)++] = xstrdup(s);
    (*strv)[*n] = NULL;
}

/* The credentials qemu runs with (the daemon's when qemu.conf names none). */
static uid_t
caps_uid(const QemuDriver *drv)
{
    return drv->user_conf.uid != (uid_t)-1 ? drv->user_conf.uid : geteuid();
}

static gid_t
caps_gid(const QemuDriver *drv)
{
    return drv->user_conf.gid != (gid_t)-1 ? drv->user_conf.gid : getegid();
}

/* Forks and execs argv as user with stdin/stdout/stderr on /dev/null (or
 * out_fd for stdout+stderr when >= 0). Returns the pid or -1 (reported). */
static pid_t
caps_spawn(char **argv, int out_fd, const QemuUserConf *user)
{
    pid_t pid = fork();

    if (pid < 0) {
        vir_error_report_system(VIR_FROM_QEMU, errno, "%s", "cannot fork");
        return -1;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        /* a throwaway process: it must not outlive the thread waiting for it */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        dup2(null, 0);
        dup2(out_fd >= 0 ? out_fd : null, 1);
        dup2(out_fd >= 0 ? out_fd : null, 2);
        close_range(3, ~0U, 0);
        if (qemu_security_child_drop(user) < 0)
            _exit(126);
        execv(argv[0], argv);
        _exit(127);
    }
    return pid;
}

/* Waits up to ms for pid to exit, then kills it; always reaps. */
static void
caps_reap(pid_t pid, int ms)
{
    for (int waited = 0; waited < ms; waited += 5) {
        if (waitpid(pid, NULL, WNOHANG) == pid)
            return;
        poll(NULL, 0, 5);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

static void
caps_read_machines(QemuCaps *caps, const QemuJson *list)
{
    size_t n = 0, na = 0;

    for (size_t i = 0; list && list->type == QEMU_JSON_ARRAY && i < list->n; i++) {
        const char *name = qemu_json_get_string(list->items[i], "name");
        const char *alias = qemu_json_get_string(list->items[i], "alias");
        if (!name)
            continue;
        strv_push(&caps->machines, &n, name);
        strv_push(&caps->machine_aliases, &na, alias ? alias : "");
        if (alias && STREQ(alias, "pc")) {
            free(caps->pc_canonical);
            caps->pc_canonical = xstrdup(name);
        }
    }
}

static void
caps_read_cpus(QemuCaps *caps, const QemuJson *list)
{
    size_t n = 0;

    /* only the models TCG can run as they are (no unavailable features) */
    for (size_t i = 0; list && list->type == QEMU_JSON_ARRAY && i < list->n; i++) {
        const char *name = qemu_json_get_string(list->items[i], "name");
        const QemuJson *missing = qemu_json_get(list->items[i], "unavailable-features");
        if (name && (!missing || missing->n == 0))
            strv_push(&caps->cpu_models, &n, name);
    }
}

/* Runs the binary with no machine and asks it over QMP. Reports. */
static QemuCaps *
caps_probe(QemuDriver *drv, const char *emulator)
{
    _cleanup_free_ char *dir = xasprintf("%s/probe-XXXXXX", drv->cache_dir);
    _cleanup_free_ char *sock = NULL, *qmp = NULL;
    QemuCaps *caps = NULL;
    QemuMonitor *mon = NULL;
    QemuJson *ret = NULL;
    pid_t pid;

    if (qemu_files_mkdirs(drv->cache_dir, 0755) < 0)
        return NULL;
    if (!mkdtemp(dir)) {
        vir_error_report_system(VIR_FROM_QEMU, errno, "cannot create '%s'", dir);
        return NULL;
    }
    /* qemu, as its user, creates the socket in there */
    if (qemu_user_conf_drops(&drv->user_conf) && chown(dir, caps_uid(drv), caps_gid(drv)) < 0) {
        vir_error_report_system(VIR_FROM_QEMU, errno, "cannot give '%s' to qemu's user", dir);
        rmdir(dir);
        return NULL;
    }
    sock = xasprintf("%s/qmp.sock", dir);
    qmp = xasprintf("unix:%s,server=on,wait=off", sock);
    char *argv[] = { (char *)emulator, "-S", "-no-user-config", "-nodefaults", "-nographic",
                     "-machine", "none,accel=tcg", "-qmp", qmp, NULL };
    if ((pid = caps_spawn(argv, -1, &drv->user_conf)) < 0)
        goto out;
    if (!(mon = qemu_monitor_open(sock, 5000, NULL, NULL)))
        goto out;
    caps = XNEW(QemuCaps);
    caps->emulator = xstrdup(emulator);
    caps->version = qemu_monitor_version(mon);
    if (qemu_monitor_command(mon, "query-machines", NULL, 5000, &ret) < 0)
        goto fail;
    caps_read_machines(caps, ret);
    qemu_json_free(TAKE_PTR(ret));
    if (qemu_monitor_command(mon, "query-cpu-definitions", NULL, 5000, &ret) < 0)
        goto fail;
    caps_read_cpus(caps, ret);
    qemu_json_free(TAKE_PTR(ret));
    if (qemu_monitor_command(mon, "query-kvm", NULL, 5000, &ret) == 0) {
        bool present = false, enabled = false;
        qemu_json_get_bool(ret, "present", &present);
        qemu_json_get_bool(ret, "enabled", &enabled);
        caps->kvm_present = present;
        qemu_json_free(TAKE_PTR(ret));
    }
    qemu_monitor_command(mon, "quit", NULL, 2000, NULL);
    if (!caps->pc_canonical)
        caps->pc_canonical = xstrdup("pc-i440fx-7.2");
    goto out;
fail:
    qemu_caps_free(TAKE_PTR(caps));
out:
    qemu_monitor_close(mon);
    if (pid > 0)
        caps_reap(pid, 2000);
    unlink(sock);
    rmdir(dir);
    return caps;
}

/* ---- the on-disk cache: one "key value" line per fact ---- */

static char *
caps_cache_path(QemuDriver *drv, const char *emulator)
{
    unsigned long long h = 1469598103934665603ULL; /* FNV-1a of the path */

    for (const unsigned char *p = (const unsigned char *)emulator; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return xasprintf("%s/capabilities/%016llx.caps", drv->cache_dir, h);
}

static char *
caps_identity(const QemuDriver *drv, const char *emulator)
{
    struct stat st;

    if (stat(emulator, &st) < 0)
        return NULL;
    /* the leading number is this cache's format: bump it when what the
     * probe records changes, so old caches are probed again; the user it
     * ran as is part of what was probed */
    return xasprintf("3 %s %lld %lld.%09ld +%u:+%u", emulator, (long long)st.st_size,
                     (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, (unsigned)caps_uid(drv),
                     (unsigned)caps_gid(drv));
}

static void
caps_cache_save(QemuDriver *drv, const QemuCaps *caps)
{
    _cleanup_free_ char *path = caps_cache_path(drv, caps->emulator);
    _cleanup_free_ char *id = caps_identity(drv, caps->emulator);
    _cleanup_free_ char *dir = xasprintf("%s/capabilities", drv->cache_dir);
    VireoBuf buf = VIREO_BUF_INIT;

    if (!id || qemu_files_mkdirs(dir, 0755) < 0)
        return;
    buf_addf(&buf, "identity %s\nversion %lu\nkvm %d %d %d\npc %s\n", id, caps->version,
             caps->kvm_present, caps->kvm_usable, caps->kvm_tested, caps->pc_canonical);
    for (size_t i = 0; caps->machines && caps->machines[i]; i++)
        buf_addf(&buf, "machine %s %s\n", caps->machines[i],
                 caps->machine_aliases[i][0] ? caps->machine_aliases[i] : "-");
    for (size_t i = 0; caps->cpu_models && caps->cpu_models[i]; i++)
        buf_addf(&buf, "cpu %s\n", caps->cpu_models[i]);
    if (qemu_files_write_atomic(path, buf_str(&buf), buf.len, 0644) < 0)
        VIREO_DEBUG_LOG("cannot write the capabilities cache %s", path);
    buf_reset(&buf);
}

static QemuCaps *
caps_cache_load(QemuDriver *drv, const char *emulator)
{
    _cleanup_free_ char *path = caps_cache_path(drv, emulator);
    _cleanup_free_ char *id = caps_identity(drv, emulator);
    FILE *f = fopen(path, "re");
    char line[512];
    QemuCaps *caps;
    size_t nm = 0, na = 0, nc = 0;
    bool valid = false;

    if (!f || !id) {
        if (f)
            fclose(f);
        return NULL;
    }
    caps = XNEW(QemuCaps);
    caps->emulator = xstrdup(emulator);
    while (fgets(line, sizeof(line), f)) {
        char a[256], b[256];
        int k1, k2, k3;
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "identity ", 9) == 0)
            valid = STREQ(line + 9, id);
        else if (sscanf(line, "version %lu", &caps->version) == 1)
            ;
        else if (sscanf(line, "kvm %d %d %d", &k1, &k2, &k3) == 3)
            caps->kvm_present = k1, caps->kvm_usable = k2, caps->kvm_tested = k3;
        else if (sscanf(line, "pc %255s", a) == 1)
            caps->pc_canonical = xstrdup(a);
        else if (sscanf(line, "machine %255s %255s", a, b) == 2) {
            strv_push(&caps->machines, &nm, a);
            strv_push(&caps->machine_aliases, &na, STREQ(b, "-") ? "" : b);
        } else if (sscanf(line, "cpu %255s", a) == 1)
            strv_push(&caps->cpu_models, &nc, a);
    }
    fclose(f);
    if (!valid || !caps->pc_canonical || nm == 0) {
        qemu_caps_free(caps);
        return NULL;
    }
    return caps;
}

/* ---- the KVM self-test ---- */

static char *
caps_find_kernel(void)
{
    DIR *dir = opendir("/boot");
    struct dirent *ent;
    char *best = NULL;

    if (!dir)
        return NULL;
    while ((ent = readdir(dir)))
        if (strncmp(ent->d_name, "vmlinuz-", 8) == 0 && (!best || strcmp(ent->d_name, best) > 0)) {
            free(best);
            best = xstrdup(ent->d_name);
        }
    closedir(dir);
    if (!best)
        return NULL;
    char *path = xasprintf("/boot/%s", best);
    free(best);
    return path;
}

/* Boots the host's kernel with no root file system under KVM and waits for
 * its first console line: a kernel that runs far enough to print proves
 * that KVM executes guest code. Returns true when it did. */
static bool
caps_kvm_selftest(QemuDriver *drv, const char *emulator)
{
    _cleanup_free_ char *kernel = caps_find_kernel();
    _cleanup_free_ char *out = xasprintf("%s/kvm-selftest-XXXXXX", drv->cache_dir);
    _cleanup_free_ char *serial = NULL;
    bool booted = false;
    pid_t pid;
    int fd;

    if (!kernel || access("/dev/kvm", R_OK | W_OK) < 0 || (fd = mkostemp(out, O_CLOEXEC)) < 0)
        return false;
    /* qemu's user writes the serial output (and opens /dev/kvm as itself) */
    if (qemu_user_conf_drops(&drv->user_conf) && fchown(fd, caps_uid(drv), caps_gid(drv)) < 0) {
        close(fd);
        unlink(out);
        return false;
    }
    close(fd);
    serial = xasprintf("file:%s", out);
    char *argv[] = { (char *)emulator, "-accel", "kvm", "-machine", "pc", "-m", "128",
                     "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
                     "-kernel", kernel, "-append", "console=ttyS0 panic=-1 loglevel=4",
                     "-serial", serial, NULL };
    if ((pid = caps_spawn(argv, -1, &drv->user_conf)) < 0) {
        unlink(out);
        return false;
    }
    for (int waited = 0; waited < QEMU_KVM_SELFTEST_MS && !booted; waited += 50) {
        char buf[4096];
        int rfd = open(out, O_RDONLY | O_CLOEXEC);
        ssize_t n = rfd >= 0 ? read(rfd, buf, sizeof(buf) - 1) : -1;
        if (rfd >= 0)
            close(rfd);
        buf[n > 0 ? n : 0] = '\0';
        booted = strstr(buf, "Linux version") || strstr(buf, "Kernel panic") ||
                 strstr(buf, "Run /init");
        if (!booted && waitpid(pid, NULL, WNOHANG) == pid) {
            pid = 0;
            break;
        }
        poll(NULL, 0, 50);
    }
    if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
    }
    unlink(out);
    return booted;
}

static void *
caps_kvm_thread(void *opaque)
{
    QemuDriver *drv = opaque;
    char *emulator;
    bool usable;

    pthread_mutex_lock(&drv->lock);
    emulator = xstrdup(drv->caps->emulator);
    pthread_mutex_unlock(&drv->lock);
    usable = caps_kvm_selftest(drv, emulator);
    VIREO_DEBUG_LOG("KVM self-test: %s", usable ? "booted" : "failed");
    pthread_mutex_lock(&drv->caps_lock);
    pthread_mutex_lock(&drv->lock);
    drv->caps->kvm_usable = usable;
    drv->caps->kvm_tested = true;
    pthread_mutex_unlock(&drv->lock);
    caps_cache_save(drv, drv->caps);
    pthread_mutex_unlock(&drv->caps_lock);
    free(emulator);
    return NULL;
}

QemuCaps *
qemu_caps_get(QemuDriver *drv)
{
    const char *emulator = getenv("VIREO_QEMU_EMULATOR");
    QemuCaps *caps;
    bool selftest = false;

    if (!emulator || !*emulator)
        emulator = QEMU_DEFAULT_EMULATOR;
    pthread_mutex_lock(&drv->caps_lock);
    pthread_mutex_lock(&drv->lock);
    caps = drv->caps;
    pthread_mutex_unlock(&drv->lock);
    if (!caps) {
        if (!(caps = caps_cache_load(drv, emulator)) && (caps = caps_probe(drv, emulator)))
            caps_cache_save(drv, caps);
        /* an earlier process may have ended before its self-test did */
        selftest = caps && caps->kvm_present && !caps->kvm_tested;
        pthread_mutex_lock(&drv->lock);
        drv->caps = caps;
        pthread_mutex_unlock(&drv->lock);
    }
    pthread_mutex_unlock(&drv->caps_lock);
    if (selftest) {
        pthread_t t;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&t, &attr, caps_kvm_thread, drv) != 0)
            VIREO_DEBUG_LOG("%s", "cannot start the KVM self-test");
        pthread_attr_destroy(&attr);
    }
    if (!caps)
        vir_error_ensure_set(__func__);
    return caps;
}

void
qemu_caps_conf(const QemuCaps *caps, QemuConfCaps *ret_conf)
{
    ret_conf->emulator = caps->emulator;
    ret_conf->pc_canonical = caps->pc_canonical;
    ret_conf->machines = (const char *const *)caps->machines;
    ret_conf->kvm_usable = caps->kvm_usable;
}

static void
caps_format_host(const QemuDriver *drv, VireoBuf *buf)
{
    struct utsname un;
    long ncpus = sysconf(_SC_NPROCESSORS_ONLN);

    uname(&un);
    buf_add(buf, "  <host>\n    <cpu>\n");
    buf_addf(buf, "      <arch>%s</arch>\n", un.machine);
    buf_addf(buf, "      <topology sockets='1' dies='1' cores='%ld' threads='1'/>\n",
             ncpus > 0 ? ncpus : 1);
    buf_add(buf, "    </cpu>\n    <power_management/>\n    <iommu support='no'/>\n");
    buf_add(buf, "    <migration_features>\n      <live/>\n      <uri_transports>\n"
                 "        <uri_transport>tcp</uri_transport>\n"
                 "      </uri_transports>\n    </migration_features>\n");
    qemu_seclabel_format_caps(drv, buf);
    buf_add(buf, "  </host>\n\n");
}

char *
qemu_caps_format(QemuDriver *drv)
{
    QemuCaps *caps = qemu_caps_get(drv);
    VireoBuf buf = VIREO_BUF_INIT;

    if (!caps)
        return NULL;
    buf_add(&buf, "<capabilities>\n\n");
    caps_format_host(drv, &buf);
    buf_add(&buf, "  <guest>\n    <os_type>hvm</os_type>\n    <arch name='x86_64'>\n"
                  "      <wordsize>64</wordsize>\n");
    conf_xml_element(&buf, 6, "emulator", caps->emulator);
    pthread_mutex_lock(&drv->lock);
    for (size_t i = 0; caps->machines[i]; i++) {
        if (STREQ(caps->machines[i], "none"))
            continue;
        if (caps->machine_aliases[i][0]) {
            buf_add(&buf, "      <machine");
            conf_xml_attr(&buf, "canonical", caps->machines[i]);
            buf_add(&buf, " maxCpus='255'>");
            conf_xml_escape(&buf, caps->machine_aliases[i]);
            buf_add(&buf, "</machine>\n");
        }
        buf_add(&buf, "      <machine maxCpus='255'>");
        conf_xml_escape(&buf, caps->machines[i]);
        buf_add(&buf, "</machine>\n");
    }
    buf_add(&buf, "      <domain type='qemu'/>\n");
    if (caps->kvm_usable)
        buf_add(&buf, "      <domain type='kvm'/>\n");
    pthread_mutex_unlock(&drv->lock);
    buf_add(&buf, "    </arch>\n    <features>\n      <acpi default='on' toggle='yes'/>\n"
                  "      <apic default='on' toggle='no'/>\n      <cpuselection/>\n"
                  "      <deviceboot/>\n      <disksnapshot default='on' toggle='no'/>\n"
                  "    </features>\n  </guest>\n\n</capabilities>\n");
    return buf_steal(&buf);
}

/* The device part of domcapabilities: what qemu_conf.c accepts. */
static const char qemu_domcaps_devices[] =
    "  <devices>\n"
    "    <disk supported='yes'>\n"
    "      <enum name='diskDevice'>\n        <value>disk</value>\n        <value>cdrom</value>\n"
    "      </enum>\n"
    "      <enum name='bus'>\n        <value>ide</value>\n        <value>virtio</value>\n"
    "        <value>sata</value>\n      </enum>\n"
    "      <enum name='model'>\n        <value>virtio</value>\n      </enum>\n"
    "    </disk>\n"
    "    <graphics supported='yes'>\n      <enum name='type'>\n        <value>vnc</value>\n"
    "      </enum>\n    </graphics>\n"
    "    <video supported='yes'>\n      <enum name='modelType'>\n        <value>vga</value>\n"
    "        <value>cirrus</value>\n        <value>virtio</value>\n        <value>none</value>\n"
    "      </enum>\n    </video>\n"
    "    <hostdev supported='no'/>\n"
    "    <rng supported='no'/>\n"
    "    <filesystem supported='no'/>\n"
    "    <tpm supported='no'/>\n"
    "    <redirdev supported='no'/>\n"
    "    <channel supported='no'/>\n"
    "  </devices>\n"
    "  <features>\n"
    "    <gic supported='no'/>\n    <vmcoreinfo supported='no'/>\n    <genid supported='no'/>\n"
    "    <backingStoreInput supported='no'/>\n    <backup supported='no'/>\n"
    "    <sev supported='no'/>\n    <sgx supported='no'/>\n"
    "  </features>\n";

static bool
caps_has_machine(const QemuCaps *caps, const char *machine)
{
    for (size_t i = 0; caps->machines[i]; i++)
        if (STREQ(caps->machines[i], machine) || STREQ(caps->machine_aliases[i], machine))
            return true;
    return false;
}

/* The canonical name of machine (an alias like "pc" resolves). */
static const char *
caps_canonical(const QemuCaps *caps, const char *machine)
{
    for (size_t i = 0; caps->machines[i]; i++)
        if (STREQ(caps->machine_aliases[i], machine))
            return caps->machines[i];
    return machine;
}

char *
qemu_connect_domain_capabilities(virConnectPtr conn, const char *emulator, const char *arch,
                                 const char *machine, const char *virttype, unsigned int flags)
{
    QemuDriver *drv = qemu_driver_of(conn);
    QemuCaps *caps;
    VireoBuf buf = VIREO_BUF_INIT;
    bool kvm;

    vir_check_flags(flags, 0, NULL);
    if (!(caps = qemu_caps_get(drv)))
        return NULL;
    pthread_mutex_lock(&drv->lock);
    kvm = caps->kvm_usable;
    pthread_mutex_unlock(&drv->lock);
    if (emulator && STRNEQ(emulator, caps->emulator)) {
        vir_report_error(VIR_ERR_INVALID_ARG, "emulator '%s' is not supported", emulator);
        return NULL;
    }
    if (arch && STRNEQ(arch, "x86_64")) {
        vir_report_error(VIR_ERR_INVALID_ARG, "architecture '%s' is not supported", arch);
        return NULL;
    }
    if (virttype && STRNEQ(virttype, "qemu") && (STRNEQ(virttype, "kvm") || !kvm)) {
        vir_report_error(VIR_ERR_INVALID_ARG, "virttype '%s' is not supported%s", virttype,
                         STREQ(virttype, "kvm") ? " (KVM does not work on this host)" : "");
        return NULL;
    }
    if (machine && (!caps_has_machine(caps, machine) ||
                    strncmp(caps_canonical(caps, machine), "pc-i440fx-", 10) != 0)) {
        vir_report_error(VIR_ERR_INVALID_ARG, "the machine '%s' is not supported", machine);
        return NULL;
    }
    buf_add(&buf, "<domainCapabilities>\n");
    conf_xml_element(&buf, 2, "path", caps->emulator);
    buf_addf(&buf, "  <domain>%s</domain>\n", virttype ? virttype : kvm ? "kvm" : "qemu");
    conf_xml_element(&buf, 2, "machine",
                     machine ? caps_canonical(caps, machine) : caps->pc_canonical);
    buf_add(&buf, "  <arch>x86_64</arch>\n  <vcpu max='255'/>\n"
                  "  <iothreads supported='no'/>\n"
                  "  <os supported='yes'>\n    <enum name='firmware'/>\n"
                  "    <loader supported='no'/>\n  </os>\n"
                  "  <cpu>\n    <mode name='host-passthrough' supported='no'/>\n"
                  "    <mode name='maximum' supported='yes'/>\n"
                  "    <mode name='host-model' supported='no'/>\n"
                  "    <mode name='custom' supported='yes'>\n");
    for (size_t i = 0; caps->cpu_models && caps->cpu_models[i]; i++) {
        buf_add(&buf, "      <model usable='yes'>");
        conf_xml_escape(&buf, caps->cpu_models[i]);
        buf_add(&buf, "</model>\n");
    }
    buf_add(&buf, "    </mode>\n  </cpu>\n"
                  "  <memoryBacking supported='no'/>\n");
    buf_add(&buf, qemu_domcaps_devices);
    buf_add(&buf, "</domainCapabilities>\n");
    return buf_steal(&buf);
}
