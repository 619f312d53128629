/* Shared helpers for the benchmark programs: a monotonic clock, a latency
 * histogram and medians. Header-only because the benchmark programs are built
 * by bench/run.sh with one gcc line each (they must link either Debian's
 * libvirt or our libvireo, so they stay outside meson).
 *
 * The histogram is log-linear: 64 sub-buckets per power of two, so any
 * recorded latency is reported within ~1.6 %. It costs a few instructions per
 * sample and no allocation, which keeps the load generator's own overhead flat
 * whatever the call rate. */
#ifndef VIREO_BENCH_STATS_H
#define VIREO_BENCH_STATS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BENCH_HIST_SUB_BITS 6
#define BENCH_HIST_SUB (1u << BENCH_HIST_SUB_BITS)
#define BENCH_HIST_BUCKETS ((64 - BENCH_HIST_SUB_BITS + 1) * BENCH_HIST_SUB)

typedef struct BenchHist {
    uint64_t count;
    uint64_t buckets[BENCH_HIST_BUCKETS];
} BenchHist;

static inline uint64_t bench_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static inline void bench_sleep_s(double seconds)
{
    struct timespec ts;

    ts.tv_sec = (time_t)seconds;
    ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
    while (nanosleep(&ts, &ts) != 0)
        ;
}

static inline unsigned bench_hist_index(uint64_t ns)
{
    unsigned exp;

    if (ns < BENCH_HIST_SUB)
        return (unsigned)ns;
    exp = 63u - (unsigned)__builtin_clzll(ns);
    return (exp - BENCH_HIST_SUB_BITS + 1) * BENCH_HIST_SUB +
           (unsigned)((ns >> (exp - BENCH_HIST_SUB_BITS)) & (BENCH_HIST_SUB - 1));
}

/* The middle of a bucket, in nanoseconds. */
static inline double bench_hist_value(unsigned idx)
{
    unsigned exp, sub;
    double lo, width;

    if (idx < BENCH_HIST_SUB)
        return (double)idx;
    exp = idx / BENCH_HIST_SUB + BENCH_HIST_SUB_BITS - 1;
    sub = idx % BENCH_HIST_SUB;
    width = (double)(1ull << (exp - BENCH_HIST_SUB_BITS));
    lo = (double)(BENCH_HIST_SUB + sub) * width;
    return lo + width / 2;
}

static inline void bench_hist_add(BenchHist *hist, uint64_t ns)
{
    hist->buckets[bench_hist_index(ns)]++;
    hist->count++;
}

static inline void bench_hist_merge(BenchHist *into, const BenchHist *from)
{
    for (unsigned i = 0; i < BENCH_HIST_BUCKETS; i++)
        into->buckets[i] += from->buckets[i];
    into->count += from->count;
}

/* The q-quantile (0 < q < 1) in microseconds; 0 for an empty histogram. */
static inline double bench_hist_quantile_us(const BenchHist *hist, double q)
{
    uint64_t rank, seen = 0;

    if (hist->count == 0)
        return 0;
    rank = (uint64_t)(q * (double)hist->count);
    if (rank >= hist->count)
        rank = hist->count - 1;
    for (unsigned i = 0; i < BENCH_HIST_BUCKETS; i++) {
        seen += hist->buckets[i];
        if (seen > rank)
            return bench_hist_value(i) / 1000.0;
    }
    return 0;
}

static inline int bench_double_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Median of n values; sorts the array in place. */
static inline double bench_median(double *values, size_t n)
{
    if (n == 0)
        return 0;
    qsort(values, n, sizeof(*values), bench_double_cmp);
    if (n % 2)
        return values[n / 2];
    return (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* Parses "1,4,16,64" into ret_values (at most max); returns the count or -1. */
static inline int bench_parse_list(const char *text, int *ret_values, int max)
{
    int n = 0;
    const char *p = text;

    while (*p) {
        char *end;
        long v = strtol(p, &end, 10);

        if (end == p || v <= 0 || v > 1000000 || n == max)
            return -1;
        ret_values[n++] = (int)v;
        p = end;
        if (*p == ',')
            p++;
        else if (*p)
            return -1;
    }
    return n;
}

#endif
