/*
 * test_node_pages.c: free huge page counts (virNodeGetFreePages) in the
 * test driver, with libvirt 9.0's test driver's made-up figures.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include "drivers/test/test_guest_host.h"
#include "drivers/test/test_private.h"
#include "util/error.h"

int
test_node_get_free_pages(virConnectPtr conn, unsigned int npages, unsigned int *pages,
                         int start_cell, unsigned int cell_count, unsigned long long *counts,
                         unsigned int flags)
{
    unsigned long long x = 6;

    (void)conn;
    (void)pages;
    (void)start_cell;
    TEST_CHECK_FLAGS(flags, 0, "testNodeGetFreePages", -1);
    /* libvirt's sequence: each count is twice the previous plus seven,
     * whatever the page sizes and cells asked (an int that wraps there) */
    for (unsigned int i = 0; i < cell_count; i++) {
        for (unsigned int j = 0; j < npages; j++) {
            x = (unsigned long long)(int)(unsigned int)(x * 2 + 7);
            counts[(size_t)i * npages + j] = x;
        }
    }
    return 0;
}
