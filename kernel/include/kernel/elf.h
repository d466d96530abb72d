/*
 * ELF32 executable validation: checks an in-memory image completely and turns it into a load
 * plan (page-rounded segments with permissions) that the arch loader maps. Nothing here maps or
 * copies; a bad image is rejected with an error code and a reason naming the offending field.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <kernel/types.h>

/* ---- The ELF32 format (System V gABI, i386 psABI). ---- */
#define ELF_EI_NIDENT  16
#define ELF_EI_CLASS   4
#define ELF_EI_DATA    5
#define ELF_EI_VERSION 6
#define ELF_CLASS32    1
#define ELF_DATA2LSB   1
#define ELF_EV_CURRENT 1
#define ELF_ET_EXEC    2
#define ELF_EM_386     3
#define ELF_PN_XNUM    0xffffu

#define ELF_PT_LOAD    1
#define ELF_PT_DYNAMIC 2
#define ELF_PT_INTERP  3
#define ELF_PT_NOTE    4
#define ELF_PT_SHLIB   5
#define ELF_PT_TLS     7

#define ELF_PF_X 0x1u
#define ELF_PF_W 0x2u
#define ELF_PF_R 0x4u

struct elf32_ehdr {
	uint8_t e_ident[ELF_EI_NIDENT];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint32_t e_entry;
	uint32_t e_phoff;
	uint32_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
};
_Static_assert(sizeof(struct elf32_ehdr) == 52, "ELF32 header layout");

struct elf32_phdr {
	uint32_t p_type;
	uint32_t p_offset;
	uint32_t p_vaddr;
	uint32_t p_paddr;
	uint32_t p_filesz;
	uint32_t p_memsz;
	uint32_t p_flags;
	uint32_t p_align;
};
_Static_assert(sizeof(struct elf32_phdr) == 32, "ELF32 program header layout");

/* ---- The load plan. ---- */

/*
 * User segments must lie in [ELF_USER_MIN, ELF_USER_LIMIT): never the NULL page or the low
 * 4 MiB, never kernel space (ELF_USER_LIMIT is USER_SPACE_END on i686).
 */
#define ELF_USER_MIN	 0x00400000u
#define ELF_USER_LIMIT	 0xC0000000u
#define ELF_MAX_SEGMENTS 8   /* PT_LOAD segments with memsz > 0 */
#define ELF_REASON_MAX	 160 /* enough for every reason elf_validate writes */

#define ELF_SEG_READ  (1u << 0)
#define ELF_SEG_WRITE (1u << 1)
#define ELF_SEG_EXEC  (1u << 2) /* never together with ELF_SEG_WRITE */

/*
 * One PT_LOAD segment to map: pages [page_start, page_end) get `flags`; bytes
 * [vaddr, vaddr + filesz) come from the image at file_offset; the rest of the pages is zero.
 */
struct elf_segment {
	uint32_t page_start; /* vaddr rounded down to a page */
	uint32_t page_end;   /* vaddr + memsz rounded up to a page (exclusive) */
	uint32_t vaddr;
	uint32_t memsz;
	uint32_t file_offset;
	uint32_t filesz;
	uint32_t flags; /* ELF_SEG_* */
	uint32_t phdr_index;
};

struct elf_plan {
	uint32_t entry;
	uint32_t count; /* segments in use, >= 1; sorted as in the program header table */
	struct elf_segment segments[ELF_MAX_SEGMENTS];
};

/*
 * Validates the ELF32 i386 static executable at [image, image + size) and fills *plan.
 * Returns ERR_OK, or ERR_INVALID (ERR_OVERFLOW for more than ELF_MAX_SEGMENTS segments) and
 * writes a one-line reason (NUL-terminated, at most reason_size bytes; reason may be NULL) such
 * as "segment 1: vaddr 0xbffff000 + memsz 0x2000 crosses the user limit 0xc0000000".
 * Reads only inside the image; any byte pattern is safe to pass.
 */
int elf_validate(const void *image, size_t size, struct elf_plan *plan, char *reason,
		 size_t reason_size);

#endif /* KERNEL_ELF_H */
