/*
 * test_cpu_x86_map.h: libvirt's x86 CPU map (vendors, features, models) as
 * bit sets over CPUID leaves and MSRs, read from the directory Debian's
 * libvirt0 installs (/usr/share/libvirt/cpu_map). The baseline computation
 * (test_cpu_baseline.c) works on these sets; keeping the reader apart keeps
 * the algorithm file about the algorithm.
 */
#ifndef VIREO_DRIVERS_TEST_CPU_X86_MAP_H
#define VIREO_DRIVERS_TEST_CPU_X86_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One CPUID leaf (leaf, subleaf; regs eax, ebx, ecx, edx) or one MSR
 * (leaf = index; regs[0] = eax, regs[1] = edx). */
typedef struct {
    bool msr;
    uint32_t leaf;
    uint32_t subleaf;
    uint32_t regs[4];
} TestCpuX86Item;

/* A set of bits: items with distinct keys; an all-zero item counts as absent. */
typedef struct {
    TestCpuX86Item *items;
    size_t n;
} TestCpuX86Data;

typedef struct {
    char *name;
    TestCpuX86Data data; /* the CPUID leaf 0 vendor string */
} TestCpuX86Vendor;

typedef struct {
    char *name;
    bool migratable;
    TestCpuX86Data data;
} TestCpuX86Feature;

typedef struct {
    char *name;
    bool decode_host;
    bool decode_guest;
    int vendor;            /* index into vendors, -1 for none */
    TestCpuX86Data data;   /* its own and its ancestor's features */
    char **removed;        /* features marked removed='yes', NULL-terminated */
} TestCpuX86Model;

typedef struct {
    TestCpuX86Vendor *vendors;
    size_t nvendors;
    TestCpuX86Feature *features; /* the map's order */
    size_t nfeatures;
    TestCpuX86Model *models;     /* the index's order */
    size_t nmodels;
} TestCpuX86Map;

/* Loads the x86 section of the map. Reports (VIR_FROM_CPU) and returns NULL
 * when the files are missing or malformed. */
TestCpuX86Map *test_cpu_x86_map_load(void);
void test_cpu_x86_map_free(TestCpuX86Map *map);
/* The map loaded once and shared (read-only) by every call; NULL after
 * reporting when it cannot be loaded. */
const TestCpuX86Map *test_cpu_x86_map_get(void);

int test_cpu_x86_map_vendor_find(const TestCpuX86Map *map, const char *name);
const TestCpuX86Feature *test_cpu_x86_map_feature_find(const TestCpuX86Map *map,
                                                       const char *name);
int test_cpu_x86_map_model_find(const TestCpuX86Map *map, const char *name);

/* Bit-set operations, named after what they do to `data`. */
void test_cpu_x86_data_free(TestCpuX86Data *data);
void test_cpu_x86_data_copy(TestCpuX86Data *dst, const TestCpuX86Data *src);
void test_cpu_x86_data_add(TestCpuX86Data *data, const TestCpuX86Data *other);
void test_cpu_x86_data_subtract(TestCpuX86Data *data, const TestCpuX86Data *other);
void test_cpu_x86_data_intersect(TestCpuX86Data *data, const TestCpuX86Data *other);
bool test_cpu_x86_data_is_subset(const TestCpuX86Data *data, const TestCpuX86Data *subset);
bool test_cpu_x86_data_is_empty(const TestCpuX86Data *data);

#endif /* VIREO_DRIVERS_TEST_CPU_X86_MAP_H */
