/* Host tests of PCI enumeration against a fake configuration space. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "servers/devmgr/pci.h"

#define FNS 8

/* A fake function: its registers, and per BAR the mask of bits that read back after 1s. */
struct fake_fn {
	uint8_t bus, slot, fn;
	uint32_t regs[64];
	uint32_t bar_mask[6];
};

static struct fake_fn fns[FNS];
static unsigned nfns;
static struct pci_registry reg;

static struct fake_fn *find(uint8_t bus, uint8_t slot, uint8_t fn)
{
	for (unsigned i = 0; i < nfns; i++)
		if (fns[i].bus == bus && fns[i].slot == slot && fns[i].fn == fn)
			return &fns[i];
	return NULL;
}

static uint32_t fake_read(void *ctx, uint8_t bus, uint8_t slot, uint8_t fn, uint8_t r)
{
	struct fake_fn *f = find(bus, slot, fn);

	(void)ctx;
	return f != NULL ? f->regs[r / 4] : 0xffffffffu;
}

static void fake_write(void *ctx, uint8_t bus, uint8_t slot, uint8_t fn, uint8_t r, uint32_t v)
{
	struct fake_fn *f = find(bus, slot, fn);
	unsigned b = (r - 0x10u) / 4;

	(void)ctx;
	assert_non_null(f);
	assert_true(r >= 0x10 && r < 0x28); /* enumeration writes BARs only */
	if (v == 0xffffffffu)
		f->regs[r / 4] = f->bar_mask[b] | (f->regs[r / 4] & (f->regs[r / 4] & 1 ? 0x3u : 0xfu));
	else
		f->regs[r / 4] = v;
}

static const struct pci_access access = {.read = fake_read, .write = fake_write};

static struct fake_fn *add(uint8_t bus, uint8_t slot, uint8_t fn, uint16_t vendor,
			   uint16_t device, uint32_t class_rev, uint8_t header)
{
	struct fake_fn *f = &fns[nfns++];

	memset(f, 0, sizeof(*f));
	f->bus = bus;
	f->slot = slot;
	f->fn = fn;
	f->regs[0] = (uint32_t)device << 16 | vendor;
	f->regs[2] = class_rev;
	f->regs[3] = (uint32_t)header << 16;
	f->regs[15] = 0xff;
	return f;
}

static int setup(void **state)
{
	struct fake_fn *f;

	(void)state;
	nfns = 0;
	add(0, 0, 0, 0x8086, 0x1237, 0x06000002, 0);          /* host bridge */
	add(0, 1, 0, 0x8086, 0x7000, 0x06010000, 0x80);       /* ISA bridge, multi-function */
	f = add(0, 1, 1, 0x8086, 0x7010, 0x01018000, 0);      /* IDE: I/O BAR4, 16 ports */
	f->regs[4 + 4] = 0xc041;
	f->bar_mask[4] = 0xfffffff0u;
	f = add(0, 2, 0, 0x1234, 0x1111, 0x03000002, 0);      /* VGA: 16 MiB prefetchable */
	f->regs[4] = 0xfd000008;
	f->bar_mask[0] = 0xff000000u;
	f->regs[15] = 0x10b;
	f = add(0, 3, 0, 0x1b36, 0x0001, 0x06040000, 1);      /* PCI bridge to bus 1 */
	f->regs[6] = 0x00010100;
	f = add(1, 0, 0, 0x1af4, 0x1000, 0x02000000, 0);      /* NIC behind it: 64-bit BAR */
	f->regs[4] = 0xfe000004;
	f->bar_mask[0] = 0xffffc000u;
	f->regs[5] = 0;
	f->bar_mask[1] = 0xffffffffu; /* the high half: all ones read back, it is no BAR */
	return 0;
}

static void test_walk_finds_every_function_in_order(void **state)
{
	(void)state;
	pci_enumerate(&access, &reg);
	assert_int_equal(reg.summary.devices, 6);
	assert_int_equal(reg.summary.buses, 2);
	assert_int_equal(reg.summary.unlisted, 0);
	assert_int_equal(reg.dev[0].device, 0x1237);
	assert_int_equal(reg.dev[1].device, 0x7000);
	assert_int_equal(reg.dev[2].function, 1);
	assert_int_equal(reg.dev[2].class, 0x01);
	assert_int_equal(reg.dev[2].subclass, 0x01);
	assert_int_equal(reg.dev[2].prog_if, 0x80);
	assert_int_equal(reg.dev[5].bus, 1);
	assert_int_equal(reg.dev[5].vendor, 0x1af4);
}

static void test_bars_are_sized_and_restored(void **state)
{
	(void)state;
	pci_enumerate(&access, &reg);
	assert_int_equal(reg.dev[2].bars[4].kind, KEEL_DEVMGR_BAR_KIND_IO);
	assert_int_equal(reg.dev[2].bars[4].base, 0xc040);
	assert_int_equal(reg.dev[2].bars[4].size, 16);
	assert_int_equal(reg.dev[2].bars[0].kind, KEEL_DEVMGR_BAR_KIND_NONE);
	assert_int_equal(reg.dev[3].bars[0].kind, KEEL_DEVMGR_BAR_KIND_MEMORY);
	assert_true(reg.dev[3].bars[0].prefetchable);
	assert_int_equal(reg.dev[3].bars[0].base, 0xfd000000u);
	assert_int_equal(reg.dev[3].bars[0].size, 0x1000000u);
	assert_int_equal(reg.dev[3].irq, 11);
	assert_int_equal(reg.dev[5].bars[0].kind, KEEL_DEVMGR_BAR_KIND_MEMORY64);
	assert_int_equal(reg.dev[5].bars[0].size, 0x4000);
	assert_int_equal(reg.dev[5].bars[1].kind, KEEL_DEVMGR_BAR_KIND_NONE); /* the high half */
	/* Every BAR holds its firmware value again. */
	assert_int_equal(find(0, 2, 0)->regs[4], 0xfd000008u);
	assert_int_equal(find(0, 1, 1)->regs[8], 0xc041u);
	/* Bridges have no BARs read as such. */
	assert_int_equal(reg.dev[4].bars[0].kind, KEEL_DEVMGR_BAR_KIND_NONE);
}

static void test_a_bridge_loop_is_walked_once(void **state)
{
	(void)state;
	add(1, 5, 0, 0x1b36, 0x0001, 0x06040000, 1)->regs[6] = 0x00000101; /* back to bus 1 */
	pci_enumerate(&access, &reg);
	assert_int_equal(reg.summary.buses, 2);
	assert_int_equal(reg.summary.devices, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_walk_finds_every_function_in_order, setup),
	    cmocka_unit_test_setup(test_bars_are_sized_and_restored, setup),
	    cmocka_unit_test_setup(test_a_bridge_loop_is_walked_once, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
