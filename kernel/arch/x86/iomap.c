/*
 * Per-unit I/O permission maps (the arch_io_* hooks) and their switch into the TSS bitmap.
 * A fixed pool of IOMAP_UNITS maps: only units that were granted ports have one. Each CPU's
 * TSS holds the bits of one map at a time (`loaded`, in its struct percpu); a switch to a unit without a map only moves
 * the TSS's map offset past its limit (every port faults), and a switch to another map's unit
 * rewrites just the bytes either map ever opened ([lo, hi)), so the usual case (a driver with a
 * few ports) copies a few bytes, and the worst case 2 x 8 KiB.
 */
#include <arch/gdt.h>
#include <arch/iomap.h>
#include <arch/smp.h>
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/percpu.h>
#include <kernel/string.h>
#include <kernel/thread.h>

#define IOMAP_UNITS 8 /* units with port access at one time */

_Static_assert(IOPORT_SPACE == TSS_IOMAP_BYTES * 8, "one bit per port");

struct iomap {
	struct unit *owner; /* NULL: free */
	/* The bytes of bits[] that may hold a clear bit: [lo, hi); all bits set elsewhere. */
	uint16_t lo, hi;
	uint8_t bits[TSS_IOMAP_BYTES]; /* bit set: the port faults */
};

static struct iomap iomaps[IOMAP_UNITS];
/* Whose bits this CPU's TSS bitmap holds; NULL: all set. */
#define loaded (this_cpu()->io_loaded)
unsigned iomap_units; /* maps with an owner; 0: the TSS bitmap is off */

/* u's map (u NULL: a free map), or NULL. */
static struct iomap *iomap_of(const struct unit *u)
{
	for (unsigned i = 0; i < IOMAP_UNITS; i++) {
		if (iomaps[i].owner == u)
			return &iomaps[i];
	}
	return NULL;
}

/* A new, all-denying map for u, or NULL when every map is taken. */
static struct iomap *iomap_alloc(struct unit *u)
{
	struct iomap *m = iomap_of(NULL);

	if (m != NULL) {
		m->owner = u;
		iomap_units++;
		m->lo = TSS_IOMAP_BYTES;
		m->hi = 0;
		memset(m->bits, 0xff, sizeof(m->bits));
	}
	return m;
}

/* Puts m's bits into the TSS bitmap, first resetting the bytes the previous map opened. */
static void iomap_load(struct iomap *m)
{
	uint8_t *tss = gdt_io_bitmap();

	if (loaded != NULL && loaded->hi > loaded->lo)
		memset(tss + loaded->lo, 0xff, (size_t)(loaded->hi - loaded->lo));
	if (m != NULL && m->hi > m->lo)
		memcpy(tss + m->lo, m->bits + m->lo, (size_t)(m->hi - m->lo));
	loaded = m;
}

/* See iomap_switch in <arch/iomap.h>. */
void iomap_switch_slow(struct unit *u)
{
	struct iomap *m = iomap_of(u);

	if (m != NULL && m != loaded)
		iomap_load(m);
	gdt_io_bitmap_enable(m != NULL);
}

/* Sets (deny) or clears (allow) the bits of ports [from, to) in m, one at a time. */
static void iomap_set_bits(struct iomap *m, uint32_t from, uint32_t to, bool deny)
{
	for (uint32_t port = from; port < to; port++) {
		uint8_t bit = (uint8_t)(1u << (port % 8));

		if (deny)
			m->bits[port / 8] |= bit;
		else
			m->bits[port / 8] &= (uint8_t)~bit;
	}
}

/*
 * The same for [base, base + count), whole bytes at once (all 65,536 ports a bit at a time
 * kept the kernel lock for half a million instructions: lock_hold_max in docs/smp.md).
 */
static void iomap_set_range(struct iomap *m, uint32_t base, uint32_t count, bool deny)
{
	uint32_t end = base + count, first = (base + 7) / 8, last = end / 8; /* whole: [first, last) */

	if (first >= last) {
		iomap_set_bits(m, base, end, deny);
		return;
	}
	memset(m->bits + first, deny ? 0xff : 0, last - first);
	iomap_set_bits(m, base, first * 8, deny);
	iomap_set_bits(m, last * 8, end, deny);
}

void iomap_resync(void)
{
	struct iomap *m = loaded;

	if (m != NULL && m->owner == NULL) {
		iomap_load(NULL);
		gdt_io_bitmap_enable(false);
	} else if (m != NULL) {
		memcpy(gdt_io_bitmap() + m->lo, m->bits + m->lo, (size_t)(m->hi - m->lo));
	}
}

/*
 * After m changed or went: every CPU whose TSS holds it takes the change before this returns
 * (other CPUs through a sync IPI), and the running unit's state is redone.
 */
static void iomap_changed(struct iomap *m)
{
	iomap_resync();
	smp_sync_io(m);
	iomap_switch(current_thread()->unit);
}

int arch_io_grant(struct unit *u, uint32_t base, uint32_t count)
{
	if (count == 0 || base >= IOPORT_SPACE || count > IOPORT_SPACE - base)
		return ERR_INVALID;
	struct iomap *m = iomap_of(u);

	if (m == NULL && (m = iomap_alloc(u)) == NULL)
		return ERR_NOMEM;
	iomap_set_range(m, base, count, false);
	if (base / 8 < m->lo)
		m->lo = (uint16_t)(base / 8);
	if ((base + count - 1) / 8 + 1 > m->hi)
		m->hi = (uint16_t)((base + count - 1) / 8 + 1);
	iomap_changed(m);
	return ERR_OK;
}

void arch_io_withdraw(struct unit *u, uint32_t base, uint32_t count)
{
	struct iomap *m = iomap_of(u);

	if (m == NULL || count == 0 || base >= IOPORT_SPACE || count > IOPORT_SPACE - base)
		return;
	iomap_set_range(m, base, count, true); /* [lo, hi) stays: it only bounds the copies */
	iomap_changed(m);
}

void arch_io_release(struct unit *u)
{
	struct iomap *m = iomap_of(u);

	if (m == NULL)
		return;
	m->owner = NULL;
	iomap_units--;
	iomap_resync();
	smp_sync_io(m);
}
