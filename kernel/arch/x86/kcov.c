/*
 * The coverage build's counter dump (tools/coverage, docs/tools.md "Coverage"). Only a kernel
 * built with --define=keel_kcov=1 links this file (kernel/defs.bzl), so tools/check-code does
 * not count it as kernel code.
 *
 * Every instrumented object has a gcov_info record, listed in section .gcov_info
 * (-fprofile-info-section; kernel.ld brackets the list). When the kernel tells the emulator
 * to exit (the link wraps arch_exit_emulator), every record goes out on the KCOV_PORT debug
 * console as the .gcda file GCC's own serializer (libgcov's __gcov_info_to_gcda) makes of it,
 * in frames (u32 little-endian):
 *
 *     "KCOV" u32 records, then per record: 'F' u32 n name[n], ('D' u32 n data[n])*, "KEND"
 *
 * tools/coverage writes each record's data as the .gcda beside the build's .gcno. The other
 * CPUs are halted by then (kernel_stop), so the counters hold still while they go out.
 *
 * A test that does not end the emulator (its harness stops QEMU once the serial output
 * matched) asks with an NMI (QEMU's monitor `nmi`, on every CPU): the link also wraps
 * trap_dispatch, and the first CPU to take an NMI that no kernel stop sent writes the
 * counters and exits the emulator; the others halt. A kernel already stopped writes none.
 */
#include <gcov.h>
#include <stddef.h>
#include <stdint.h>

#include <arch/trap.h>
#include <kernel/arch.h>
#include <kernel/init.h>
#include <kernel/kprintf.h>

#define KCOV_PORT 0x4e9 /* QEMU: -device isa-debugcon,iobase=0x4e9,chardev=... */

/* The serializer hands out a word at a time: 'D' frames carry up to a buffer's worth. */
static uint8_t buffer[4096];
static uint32_t buffered;

extern const struct gcov_info *const __gcov_info_start[], *const __gcov_info_end[];

_Noreturn void __real_arch_exit_emulator(int code);
_Noreturn void __wrap_arch_exit_emulator(int code);
void __real_trap_dispatch(struct trap_frame *frame);
void __wrap_trap_dispatch(struct trap_frame *frame);

static void out(const void *p, uint32_t n)
{
	__asm__ volatile("cld; rep outsb" : "+S"(p), "+c"(n) : "d"(KCOV_PORT) : "memory");
}

static void frame(char tag, const void *p, uint32_t n)
{
	out(&tag, 1);
	out(&n, sizeof(n));
	out(p, n);
}

static void flush(void)
{
	if (buffered > 0)
		frame('D', buffer, buffered);
	buffered = 0;
}

static void on_filename(const char *name, void *arg)
{
	uint32_t n = 0;

	(void)arg;
	flush(); /* the previous record's last data */
	while (name != NULL && name[n] != '\0')
		n++;
	frame('F', name, n);
}

static void on_data(const void *p, unsigned n, void *arg)
{
	const uint8_t *bytes = p;

	(void)arg;
	for (unsigned i = 0; i < n; i++) {
		if (buffered == sizeof(buffer))
			flush();
		buffer[buffered++] = bytes[i];
	}
}

/* Only value-profiling counters need memory; a --coverage build has none. */
static void *on_allocate(unsigned n, void *arg)
{
	(void)n;
	(void)arg;
	return NULL;
}

static void dump(void)
{
	uint32_t records = (uint32_t)(__gcov_info_end - __gcov_info_start);

	out("KCOV", 4);
	out(&records, sizeof(records));
	for (const struct gcov_info *const *i = __gcov_info_start; i < __gcov_info_end; i++)
		__gcov_info_to_gcda(*i, on_filename, on_data, on_allocate, NULL);
	flush();
	out("KEND", 4);
}

/*
 * One CPU writes the counters, once. False for any other CPU, which must halt and leave the
 * exit to the writer; false for the writer itself when asked again (a panic in the dump).
 */
static unsigned writer = UINT32_MAX;

static bool claim(void)
{
	unsigned expected = UINT32_MAX, me = arch_cpu_id();

	if (__atomic_compare_exchange_n(&writer, &expected, me, false, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE))
		return true;
	if (expected != me)
		arch_halt();
	return false;
}

void __wrap_arch_exit_emulator(int code)
{
	if (claim())
		dump();
	__real_arch_exit_emulator(code);
}

void __wrap_trap_dispatch(struct trap_frame *frame)
{
	if (frame->vector == TRAP_NMI) {
		arch_smp_poll(); /* a kernel stop's NMI: halts here */
		__wrap_arch_exit_emulator(KERNEL_EXIT_SUCCESS);
	}
	__real_trap_dispatch(frame);
}

/*
 * A counter's atomic add (-fprofile-update=prefer-atomic): GCC calls this under
 * -mgeneral-regs-only, which keeps it from inlining a 64-bit atomic. One lock cmpxchg8b: no
 * CPU loses another's count, no NMI lands between a counter's two halves.
 */
uint64_t __atomic_fetch_add_8(volatile void *p, uint64_t add, int order)
{
	volatile uint64_t *counter = p;
	uint64_t seen = *counter, want; /* a torn read only costs one more round */

	(void)order;
	do {
		want = seen;
		uint64_t sum = want + add;

		__asm__ volatile("lock cmpxchg8b %1"
				 : "+A"(seen), "+m"(*counter)
				 : "b"((uint32_t)sum), "c"((uint32_t)(sum >> 32))
				 : "memory", "cc");
	} while (seen != want);
	return want;
}

/*
 * What libgcov's serializer and the gcov_info records link against. Merging with an earlier
 * .gcda and mapping memory are for hosted programs; nothing here calls them.
 */
void __gcov_merge_add(void *counters, unsigned n)
{
	(void)counters;
	(void)n;
}

void *mmap64(void *addr, size_t len, int prot, int flags, int fd, long long off)
{
	(void)addr, (void)len, (void)prot, (void)flags, (void)fd, (void)off;
	return (void *)-1; /* MAP_FAILED */
}

_Noreturn void abort(void)
{
	panic("kcov: libgcov's serializer aborted");
}
