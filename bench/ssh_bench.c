/* The ssh rows of `make bench` (bench/ssh.sh): opens per second and calls
 * per second through one URI, with the public API only, so the same source
 * is built against Debian's libvirt and against libvireo.
 *
 * Usage: ssh_bench URI SECONDS open|call
 * Prints "OPS_PER_S COUNT ERRORS" on one line; exits 1 if nothing worked
 * (with the last error on stderr). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static double
bench_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
bench_quiet(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

int
main(int argc, char **argv)
{
    double seconds, start, end;
    unsigned long long count = 0, errors = 0;
    unsigned long version;
    virConnectPtr conn = NULL;
    int open_mode;

    if (argc != 4 || (strcmp(argv[3], "open") != 0 && strcmp(argv[3], "call") != 0)) {
        fprintf(stderr, "usage: ssh_bench URI SECONDS open|call\n");
        return 2;
    }
    seconds = atof(argv[2]);
    open_mode = strcmp(argv[3], "open") == 0;
    virSetErrorFunc(NULL, bench_quiet);
    if (!open_mode && !(conn = virConnectOpen(argv[1]))) {
        fprintf(stderr, "open failed: %s\n", virGetLastErrorMessage());
        return 1;
    }
    start = bench_now();
    end = start + seconds;
    do {
        if (open_mode) {
            virConnectPtr c = virConnectOpen(argv[1]);

            if (c && virConnectGetVersion(c, &version) == 0)
                count++;
            else
                errors++;
            if (c)
                virConnectClose(c);
        } else {
            if (virConnectGetVersion(conn, &version) == 0)
                count++;
            else
                errors++;
        }
        if (errors > 3 && count == 0)
            break;
    } while (bench_now() < end);
    end = bench_now();
    if (conn)
        virConnectClose(conn);
    if (count == 0) {
        fprintf(stderr, "nothing worked: %s\n", virGetLastErrorMessage());
        return 1;
    }
    printf("%.1f %llu %llu\n", count / (end - start), count, errors);
    return 0;
}
