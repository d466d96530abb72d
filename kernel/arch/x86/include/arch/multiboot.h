/*
 * Multiboot v1 (GRUB) hand-off: constants boot.S needs, and the parser that turns the
 * Multiboot information into a loader-independent struct boot_info.
 */
#ifndef ARCH_MULTIBOOT_H
#define ARCH_MULTIBOOT_H

#define MULTIBOOT_HEADER_MAGIC	   0x1BADB002u /* in the image header */
#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002u /* in %eax at entry */
#define MULTIBOOT_FLAG_PAGE_ALIGN  (1u << 0)   /* load modules on page boundaries */
#define MULTIBOOT_FLAG_MEMORY_INFO (1u << 1)   /* give us mem_* and the memory map */

#ifndef __ASSEMBLER__

#include <kernel/types.h>

struct boot_info;

/*
 * Fills *out from the Multiboot information at `mbi` (a virtual address: the boot mapping
 * covers the first 16 MiB at KERNEL_BASE). Returns ERR_OK, or ERR_INVALID if `magic` is not
 * MULTIBOOT_BOOTLOADER_MAGIC or the information is unusable. Implemented in multiboot.c.
 */
int multiboot_parse(uint32_t magic, const void *mbi, struct boot_info *out);

#endif /* __ASSEMBLER__ */
#endif /* ARCH_MULTIBOOT_H */
