/*
 * Unit tests for the MADT reader with hand-built ACPI tables in a fake physical memory: QEMU's
 * layout (RSDP in the BIOS area, one I/O APIC, overrides), the EBDA, too many CPUs, disabled
 * ones, and garbage (bad checksums, entries past the end, no tables).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <keel/abi.h>

#include "acpi.h"

#define FAKE_SIZE 0x100000u
#define RSDT_AT	  0x80000u
#define MADT_AT	  0x81000u
#define EBDA_AT	  0x9fc00u

static uint8_t fake[FAKE_SIZE];
static uint32_t madt_len;
static struct acpi_madt m;

static bool fake_read(void *ctx, void *dst, uint32_t phys, uint32_t len)
{
	(void)ctx;
	if (len > FAKE_SIZE || phys > FAKE_SIZE - len)
		return false;
	memcpy(dst, &fake[phys], len);
	return true;
}

static void put32(uint32_t at, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		fake[at + i] = (uint8_t)(v >> (8 * i));
}

/* Sets byte `at` so that [start, start + len) sums to 0. */
static void fix_checksum(uint32_t start, uint32_t len, uint32_t at)
{
	uint8_t sum = 0;

	fake[at] = 0;
	for (uint32_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + fake[start + i]);
	fake[at] = (uint8_t)-sum;
}

static void rsdp(uint32_t at, uint32_t rsdt)
{
	memcpy(&fake[at], "RSD PTR ", 8);
	put32(at + 16, rsdt);
	fix_checksum(at, 20, at + 8);
}

static void header(uint32_t at, const char *sig, uint32_t len)
{
	memcpy(&fake[at], sig, 4);
	put32(at + 4, len);
	fix_checksum(at, len, at + 9);
}

static void madt_entry(const uint8_t *e, uint8_t len)
{
	memcpy(&fake[MADT_AT + madt_len], e, len);
	madt_len += len;
}

static void cpu(uint8_t apic_id, uint8_t flags)
{
	const uint8_t e[8] = {0, 8, apic_id, apic_id, flags, 0, 0, 0};

	madt_entry(e, sizeof(e));
}

/* QEMU's tables: RSDP at 0xf5000, an RSDT with a FACP then the MADT. */
static void build(unsigned ncpus)
{
	const uint8_t ioapic[12] = {1, 12, 0, 0, 0x00, 0x00, 0xc0, 0xfe, 0, 0, 0, 0};
	const uint8_t timer[10] = {2, 10, 0, 0, 2, 0, 0, 0, 0, 0};
	const uint8_t pci9[10] = {2, 10, 0, 9, 9, 0, 0, 0, 0x0d, 0};
	const uint8_t nmi[6] = {4, 6, 0xff, 0, 0, 1};

	memset(fake, 0, sizeof(fake));
	rsdp(0xf5000, RSDT_AT);
	header(0x82000, "FACP", 36);
	put32(RSDT_AT + 36, 0x82000);
	put32(RSDT_AT + 40, MADT_AT);
	header(RSDT_AT, "RSDT", 44);
	madt_len = 44;
	put32(MADT_AT + 36, 0xfee00000u);
	put32(MADT_AT + 40, 1); /* PC-AT compatible: 8259s present */
	for (unsigned i = 0; i < ncpus; i++)
		cpu((uint8_t)i, 1);
	madt_entry(ioapic, sizeof(ioapic));
	madt_entry(timer, sizeof(timer));
	madt_entry(pci9, sizeof(pci9));
	madt_entry(nmi, sizeof(nmi));
	header(MADT_AT, "APIC", madt_len);
}

static void test_qemu_layout(void **state)
{
	(void)state;
	build(4);
	assert_int_equal(acpi_read_madt(fake_read, NULL, &m), ERR_OK);
	assert_int_equal(m.lapic_phys, 0xfee00000u);
	assert_int_equal(m.ncpus, 4);
	for (unsigned i = 0; i < 4; i++)
		assert_int_equal(m.apic_id[i], i);
	assert_true(m.have_ioapic);
	assert_int_equal(m.ioapic_phys, 0xfec00000u);
	assert_int_equal(m.ioapic_gsi_base, 0);
	assert_int_equal(m.isa_gsi[0], 2); /* the PIT's line 0 is the I/O APIC's pin 2 */
	assert_int_equal(m.isa_gsi[9], 9);
	assert_int_equal(m.isa_flags[9], 0x0d); /* active high, level */
	assert_int_equal(m.isa_gsi[4], 4);
	assert_true(m.pcat_compat);
}

/* Each ISA line's I/O APIC input and signalling, from the overrides or ISA's defaults. */
static void test_isa_inputs(void **state)
{
	struct acpi_isa_input in;

	(void)state;
	build(1);
	assert_int_equal(acpi_read_madt(fake_read, NULL, &m), ERR_OK);
	assert_int_equal(acpi_isa_input(&m, 0, &in), ERR_OK);
	assert_int_equal(in.pin, 2);
	assert_false(in.level || in.active_low); /* flags 0: ISA's edge, active high */
	assert_int_equal(acpi_isa_input(&m, 9, &in), ERR_OK);
	assert_int_equal(in.pin, 9);
	assert_true(in.level && !in.active_low);
	m.isa_flags[11] = 0x0f; /* level, active low (a PCI line's usual override) */
	assert_int_equal(acpi_isa_input(&m, 11, &in), ERR_OK);
	assert_true(in.level && in.active_low);
	m.isa_flags[4] = 0x05; /* edge and active high, said outright */
	assert_int_equal(acpi_isa_input(&m, 4, &in), ERR_OK);
	assert_true(in.pin == 4 && !in.level && !in.active_low);
	assert_int_equal(acpi_isa_input(&m, ACPI_ISA_IRQS, &in), ERR_INVALID);
	m.ioapic_gsi_base = 8; /* line 4's global interrupt 4 lies below this I/O APIC */
	assert_int_equal(acpi_isa_input(&m, 4, &in), ERR_INVALID);
	assert_int_equal(acpi_isa_input(&m, 9, &in), ERR_OK);
	assert_int_equal(in.pin, 1);
}

static void test_ebda_first_and_disabled_cpus(void **state)
{
	(void)state;
	build(2);
	cpu(7, 0);		    /* disabled, not online-capable: counted, not kept */
	cpu(9, 2);		    /* online-capable only: kept */
	header(MADT_AT, "APIC", madt_len);
	fake[0x40e] = (uint8_t)(EBDA_AT >> 4);
	fake[0x40f] = (uint8_t)(EBDA_AT >> 12);
	rsdp(EBDA_AT + 0x20, RSDT_AT);
	memset(&fake[0xf5000], 0, 20); /* only the EBDA's RSDP is left */
	assert_int_equal(acpi_read_madt(fake_read, NULL, &m), ERR_OK);
	assert_int_equal(m.ncpus, 3);
	assert_int_equal(m.apic_id[2], 9);
	assert_int_equal(m.cpus_disabled, 1);
}

static void test_more_cpus_than_kept(void **state)
{
	(void)state;
	build(ACPI_CPUS_MAX + 3);
	assert_int_equal(acpi_read_madt(fake_read, NULL, &m), ERR_OK);
	assert_int_equal(m.ncpus, ACPI_CPUS_MAX);
	assert_int_equal(m.cpus_dropped, 3);
}

static void test_bad_checksums_and_no_tables(void **state)
{
	(void)state;
	build(2);
	fake[MADT_AT + 50]++; /* the MADT's checksum fails: no MADT */
	assert_int_equal(acpi_read_madt(fake_read, NULL, &m), ERR_NOT_FOUND);
	assert_int_equal(m.ncpus, 0);
	assert_int_equal(m.isa_gsi[5], 5); /* identity defaults even then */
	build(2);
	fake[0xf5000 + 10]++; /* the RSDP's */
	assert_int_equal(acpi_read_madt(fake_read, NULL, &m), ERR_NOT_FOUND);
	memset(fake, 0, sizeof(fake));
	assert_int_equal(acpi_read_madt(fake_read, NULL, &m), ERR_NOT_FOUND);
	build(2);
	put32(RSDT_AT + 40, FAKE_SIZE - 8); /* an RSDT entry pointing past readable memory */
	header(RSDT_AT, "RSDT", 44);
	assert_int_equal(acpi_read_madt(fake_read, NULL, &m), ERR_NOT_FOUND);
}

static void test_entries_that_do_not_fit(void **state)
{
	const uint8_t short_ioapic[6] = {1, 6, 0, 0, 0, 0};
	const uint8_t zero_len[2] = {0, 0};

	(void)state;
	build(1);
	madt_entry(short_ioapic, sizeof(short_ioapic));
	header(MADT_AT, "APIC", madt_len);
	assert_int_equal(acpi_read_madt(fake_read, NULL, &m), ERR_INVALID);
	build(1);
	madt_entry(zero_len, sizeof(zero_len)); /* would loop forever if trusted */
	header(MADT_AT, "APIC", madt_len);
	assert_int_equal(acpi_read_madt(fake_read, NULL, &m), ERR_INVALID);
	build(1);
	cpu(1, 1);
	header(MADT_AT, "APIC", madt_len - 3); /* the last entry runs past the table */
	assert_int_equal(acpi_read_madt(fake_read, NULL, &m), ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_qemu_layout),
	    cmocka_unit_test(test_isa_inputs),
	    cmocka_unit_test(test_ebda_first_and_disabled_cpus),
	    cmocka_unit_test(test_more_cpus_than_kept),
	    cmocka_unit_test(test_bad_checksums_and_no_tables),
	    cmocka_unit_test(test_entries_that_do_not_fit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
