/*
 * PMM internals shared with its unit test: the frame database placement rule, exposed so the
 * test can check it on hand-made boot maps without building a whole database.
 */
#ifndef KERNEL_MM_PMM_INTERNAL_H
#define KERNEL_MM_PMM_INTERNAL_H

#include <kernel/boot.h>
#include <kernel/types.h>

#define PMM_LOW_MEMORY_END 0x100000u /* the first MiB is never managed-free (BIOS, VGA) */

/*
 * Finds where the frame database (`frames` records) goes: the lowest page-aligned run of
 * usable memory at or above the end of the kernel image that avoids every module and ends at
 * or below BOOT_MAPPED_PHYS (pmm_init writes it through the boot mapping). ERR_NOMEM if none.
 */
int pmm_place_database(const struct boot_info *bi, uint32_t frames, phys_addr_t *out);

#endif /* KERNEL_MM_PMM_INTERNAL_H */
