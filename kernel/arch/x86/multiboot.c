/*
 * multiboot_parse(): the i686 glue around the pure Multiboot parser. Physical memory is read
 * through the boot mapping (first 16 MiB at KERNEL_BASE); the kernel extent comes from the
 * linker script. Runs before pmm_init, with only the boot page tables.
 */
#include <keel/abi.h>
#include <kernel/kprintf.h>
#include <arch/memory.h>
#include <arch/multiboot.h>

#include "multiboot_info.h"

_Static_assert(MB_BOOTLOADER_MAGIC == MULTIBOOT_BOOTLOADER_MAGIC, "one Multiboot magic");

/* Readable physical memory before mmu_init: exactly what boot.S mapped. */
static const void *boot_map(void *ctx, uint32_t phys, uint32_t len)
{
	(void)ctx;
	return len > BOOT_MAPPED_PHYS || phys > BOOT_MAPPED_PHYS - len ? NULL : phys_to_virt(phys);
}

int multiboot_parse(uint32_t magic, const void *mbi, struct boot_info *out)
{
	struct multiboot_source src = {
	    .mbi = mbi,
	    .map = boot_map,
	    .kernel_start = (phys_addr_t)(uintptr_t)__kernel_phys_start,
	    .kernel_end = (phys_addr_t)(uintptr_t)__kernel_phys_end,
	};
	struct multiboot_stats stats;
	phys_addr_t mbi_phys = virt_to_phys(mbi);

	if (mbi == NULL || boot_map(NULL, mbi_phys, sizeof(struct mb_info)) == NULL) {
		kprintf("multiboot: information block %p is outside the boot mapping\n", mbi);
		src.mbi = NULL;
	}
	int err = multiboot_parse_info(magic, &src, out, &stats);

	if (err != ERR_OK)
		kprintf("multiboot: unusable hand-off (magic %#x)\n", (unsigned)magic);
	else
		multiboot_report(&stats);
	return err;
}
