/*
 * ELF32 executable validation and load planning. Every field that could make the loader read
 * outside the image, map outside user space, overlap pages or break W^X is checked here, with
 * 64-bit arithmetic so no sum can wrap. The arch loader only maps what the plan says.
 */
#include <kernel/elf.h>
#include <kernel/kprintf.h>
#include <kernel/string.h>
#include <keel/abi.h>

struct elf_check {
	const uint8_t *image;
	size_t size;
	struct elf_plan *plan;
	char *reason;
	size_t reason_size;
};

/* Writes the reason (if the caller wants one) and returns ERR_INVALID. */
__attribute__((format(printf, 2, 3))) static int elf_reject(struct elf_check *c, const char *fmt,
							    ...)
{
	va_list ap;

	if (c->reason && c->reason_size) {
		va_start(ap, fmt);
		kvsnprintf(c->reason, c->reason_size, fmt, ap);
		va_end(ap);
	}
	return ERR_INVALID;
}

static int elf_check_ident(struct elf_check *c, const struct elf32_ehdr *eh)
{
	const uint8_t *id = eh->e_ident;

	if (id[0] != 0x7f || id[1] != 'E' || id[2] != 'L' || id[3] != 'F')
		return elf_reject(c, "bad magic %02x %02x %02x %02x (want 7f 45 4c 46)", id[0],
				  id[1], id[2], id[3]);
	if (id[ELF_EI_CLASS] != ELF_CLASS32)
		return elf_reject(c, "e_ident class %u is not ELFCLASS32 (1)", id[ELF_EI_CLASS]);
	if (id[ELF_EI_DATA] != ELF_DATA2LSB)
		return elf_reject(c, "e_ident data %u is not little-endian (1)", id[ELF_EI_DATA]);
	if (id[ELF_EI_VERSION] != ELF_EV_CURRENT || eh->e_version != ELF_EV_CURRENT)
		return elf_reject(c, "ELF version %u/%u is not EV_CURRENT (1)", id[ELF_EI_VERSION],
				  eh->e_version);
	return ERR_OK;
}

static int elf_check_header(struct elf_check *c, const struct elf32_ehdr *eh)
{
	int err = elf_check_ident(c, eh);

	if (err)
		return err;
	if (eh->e_type != ELF_ET_EXEC)
		return elf_reject(c, "e_type %u is not ET_EXEC (2)", eh->e_type);
	if (eh->e_machine != ELF_EM_386)
		return elf_reject(c, "e_machine %u is not EM_386 (3)", eh->e_machine);
	if (eh->e_ehsize < sizeof(struct elf32_ehdr))
		return elf_reject(c, "e_ehsize %u is smaller than 52", eh->e_ehsize);
	if (eh->e_phentsize != sizeof(struct elf32_phdr))
		return elf_reject(c, "e_phentsize %u is not 32", eh->e_phentsize);
	if (eh->e_phnum == 0 || eh->e_phnum == ELF_PN_XNUM)
		return elf_reject(c, "e_phnum %u: no usable program header table", eh->e_phnum);

	uint64_t table_end = (uint64_t)eh->e_phoff + (uint64_t)eh->e_phnum * eh->e_phentsize;

	if (table_end > c->size)
		return elf_reject(c, "program headers: e_phoff 0x%x + e_phnum %u * 32 exceeds the "
				  "file size 0x%zx", eh->e_phoff, eh->e_phnum, c->size);
	return ERR_OK;
}

/* Rejects segment types a static executable must not have; others are ignored. */
static int elf_check_type(struct elf_check *c, uint32_t type, uint32_t i)
{
	switch (type) {
	case ELF_PT_DYNAMIC:
	case ELF_PT_INTERP:
		return elf_reject(c, "segment %u: %s: only static executables are supported", i,
				  type == ELF_PT_DYNAMIC ? "PT_DYNAMIC" : "PT_INTERP");
	case ELF_PT_SHLIB:
		return elf_reject(c, "segment %u: PT_SHLIB is reserved", i);
	case ELF_PT_TLS:
		return elf_reject(c, "segment %u: PT_TLS: thread-local storage is not supported",
				  i);
	default:
		return ERR_OK; /* PT_NULL, PT_NOTE, PT_PHDR, PT_GNU_*: nothing to map */
	}
}

/* Checks a PT_LOAD segment's file range, address range, permissions and alignment. */
static int elf_check_load(struct elf_check *c, const struct elf32_phdr *ph, uint32_t i)
{
	uint64_t file_end = (uint64_t)ph->p_offset + ph->p_filesz;
	uint64_t mem_end = (uint64_t)ph->p_vaddr + ph->p_memsz;

	if (ph->p_filesz > ph->p_memsz)
		return elf_reject(c, "segment %u: p_filesz 0x%x > p_memsz 0x%x", i, ph->p_filesz,
				  ph->p_memsz);
	if (file_end > c->size)
		return elf_reject(c, "segment %u: p_offset 0x%x + p_filesz 0x%x exceeds the file "
				  "size 0x%zx", i, ph->p_offset, ph->p_filesz, c->size);
	if (ph->p_vaddr < ELF_USER_MIN)
		return elf_reject(c, "segment %u: vaddr 0x%x is below the user minimum 0x%x", i,
				  ph->p_vaddr, ELF_USER_MIN);
	if (ph->p_vaddr >= ELF_USER_LIMIT)
		return elf_reject(c, "segment %u: vaddr 0x%x is in kernel space (user limit 0x%x)",
				  i, ph->p_vaddr, ELF_USER_LIMIT);
	if (mem_end > ELF_USER_LIMIT)
		return elf_reject(c,
				  "segment %u: vaddr 0x%x + memsz 0x%x crosses the user limit 0x%x",
				  i, ph->p_vaddr, ph->p_memsz, ELF_USER_LIMIT);
	if ((ph->p_flags & (ELF_PF_W | ELF_PF_X)) == (ELF_PF_W | ELF_PF_X))
		return elf_reject(c, "segment %u: flags 0x%x are writable and executable (W^X)", i,
				  ph->p_flags);
	if (ph->p_align & (ph->p_align - 1))
		return elf_reject(c, "segment %u: p_align 0x%x is not a power of two", i,
				  ph->p_align);
	if (ph->p_align > 1 && (ph->p_vaddr - ph->p_offset) % ph->p_align != 0)
		return elf_reject(c, "segment %u: p_vaddr 0x%x and p_offset 0x%x disagree modulo "
				  "p_align 0x%x", i, ph->p_vaddr, ph->p_offset, ph->p_align);
	return ERR_OK;
}

/* Adds a checked PT_LOAD segment to the plan unless it shares a page with an earlier one. */
static int elf_plan_add(struct elf_check *c, const struct elf32_phdr *ph, uint32_t i)
{
	struct elf_plan *plan = c->plan;
	struct elf_segment seg = {
	    .page_start = (uint32_t)PAGE_ALIGN_DOWN(ph->p_vaddr),
	    .page_end = (uint32_t)PAGE_ALIGN_UP((uint64_t)ph->p_vaddr + ph->p_memsz),
	    .vaddr = ph->p_vaddr, .memsz = ph->p_memsz,
	    .file_offset = ph->p_offset, .filesz = ph->p_filesz,
	    .flags = ((ph->p_flags & ELF_PF_R) ? ELF_SEG_READ : 0) |
		     ((ph->p_flags & ELF_PF_W) ? ELF_SEG_WRITE : 0) |
		     ((ph->p_flags & ELF_PF_X) ? ELF_SEG_EXEC : 0),
	    .phdr_index = i,
	};

	for (uint32_t k = 0; k < plan->count; k++) {
		const struct elf_segment *o = &plan->segments[k];

		if (seg.page_start < o->page_end && o->page_start < seg.page_end)
			return elf_reject(c, "segments %u and %u overlap: pages [0x%x, 0x%x) and "
					  "[0x%x, 0x%x)", o->phdr_index, i, o->page_start, o->page_end,
					  seg.page_start, seg.page_end);
	}
	if (plan->count == ELF_MAX_SEGMENTS) {
		elf_reject(c, "segment %u: more than %u PT_LOAD segments", i, ELF_MAX_SEGMENTS);
		return ERR_OVERFLOW;
	}
	plan->segments[plan->count++] = seg;
	return ERR_OK;
}

static int elf_check_segments(struct elf_check *c, const struct elf32_ehdr *eh)
{
	for (uint32_t i = 0; i < eh->e_phnum; i++) {
		struct elf32_phdr ph;

		memcpy(&ph, c->image + eh->e_phoff + (size_t)i * sizeof(ph), sizeof(ph));
		int err = elf_check_type(c, ph.p_type, i);

		/* A PT_LOAD with nothing in file or memory maps nothing: its address is moot
		 * (linkers emit one at vaddr 0 for an empty output section). */
		if (!err && ph.p_type == ELF_PT_LOAD && (ph.p_memsz != 0 || ph.p_filesz != 0))
			err = elf_check_load(c, &ph, i);
		if (!err && ph.p_type == ELF_PT_LOAD && ph.p_memsz != 0)
			err = elf_plan_add(c, &ph, i);
		if (err)
			return err;
	}
	return ERR_OK;
}

/* The entry point must lie in the file-backed part of an executable segment. */
static int elf_check_entry(struct elf_check *c, uint32_t entry)
{
	const struct elf_plan *plan = c->plan;

	for (uint32_t k = 0; k < plan->count; k++) {
		const struct elf_segment *s = &plan->segments[k];

		if ((s->flags & ELF_SEG_EXEC) && entry >= s->vaddr && entry - s->vaddr < s->filesz)
			return ERR_OK;
	}
	return elf_reject(c, "entry point 0x%x is not inside an executable segment", entry);
}

int elf_validate(const void *image, size_t size, struct elf_plan *plan, char *reason,
		 size_t reason_size)
{
	struct elf_check c = {image, size, plan, reason, reason_size};
	struct elf32_ehdr eh;

	if (reason && reason_size)
		reason[0] = '\0';
	plan->count = plan->entry = 0;
	if (image == NULL || size < sizeof(eh))
		return elf_reject(&c, "file is 0x%zx bytes, shorter than the 52-byte ELF header",
				  size);
	memcpy(&eh, c.image, sizeof(eh)); /* the image may be unaligned */
	int err = elf_check_header(&c, &eh);

	if (!err)
		err = elf_check_segments(&c, &eh);
	if (!err && plan->count == 0)
		err = elf_reject(&c, "no PT_LOAD segment with memsz > 0");
	if (!err)
		err = elf_check_entry(&c, eh.e_entry);
	if (err)
		plan->count = 0;
	else
		plan->entry = eh.e_entry;
	return err;
}
