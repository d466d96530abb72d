/* ACPI tables for SMP: RSDP -> RSDT -> MADT (acpi.h). Every checksum is verified. */
#include "acpi.h"

#include <keel/abi.h>
#include <kernel/string.h>

#define EBDA_SEGMENT_PTR 0x40Eu /* BIOS data area: the EBDA's real-mode segment */
#define BIOS_ROM_START	 0xE0000u
#define BIOS_ROM_END	 0x100000u
#define RSDP_V1_LEN	 20u
#define SDT_HEADER_LEN	 36u
#define SDT_MAX_LEN	 0x10000u /* no MADT or RSDT of a real machine comes near */
#define MADT_FIXED_LEN	 (SDT_HEADER_LEN + 8u)

enum madt_type { MADT_LAPIC = 0, MADT_IOAPIC = 1, MADT_OVERRIDE = 2 };
#define LAPIC_ENABLED	     0x1u
#define LAPIC_ONLINE_CAPABLE 0x2u
#define MADT_PCAT_COMPAT     0x1u
#define MPS_POLARITY_MASK    0x3u /* MPS INTI flags: 0 the bus's default, 1 high, 3 low */
#define MPS_ACTIVE_LOW	     0x3u
#define MPS_TRIGGER_SHIFT    2u /* then 0 the bus's default, 1 edge, 3 level */
#define MPS_LEVEL	     0x3u

struct reader {
	acpi_read_fn read;
	void *ctx;
};

static bool rd(const struct reader *r, void *dst, uint32_t phys, uint32_t len)
{
	return phys + len >= phys && r->read(r->ctx, dst, phys, len);
}

/* Whether the len bytes at phys sum to 0 mod 256 (read in chunks). */
static bool checksum_ok(const struct reader *r, uint32_t phys, uint32_t len)
{
	uint8_t buf[64], sum = 0;

	while (len > 0) {
		uint32_t n = len < sizeof(buf) ? len : sizeof(buf);

		if (!rd(r, buf, phys, n))
			return false;
		for (uint32_t i = 0; i < n; i++)
			sum = (uint8_t)(sum + buf[i]);
		phys += n;
		len -= n;
	}
	return sum == 0;
}

/* The RSDT address of a valid RSDP among the 16-byte-aligned slots of [start, end), or 0. */
static uint32_t scan_rsdp(const struct reader *r, uint32_t start, uint32_t end)
{
	uint8_t rsdp[RSDP_V1_LEN];

	for (uint32_t p = start & ~15u; p + RSDP_V1_LEN <= end; p += 16)
		if (rd(r, rsdp, p, 8) && memcmp(rsdp, "RSD PTR ", 8) == 0 &&
		    rd(r, rsdp, p, RSDP_V1_LEN) && checksum_ok(r, p, RSDP_V1_LEN))
			return load_le32(rsdp + 16);
	return 0;
}

/* The length of the valid table with `sig` at phys, or 0. */
static uint32_t table_at(const struct reader *r, uint32_t phys, const char *sig)
{
	uint8_t h[8];

	if (phys == 0 || !rd(r, h, phys, sizeof(h)) || memcmp(h, sig, 4) != 0)
		return 0;
	uint32_t len = load_le32(h + 4);

	return len < SDT_HEADER_LEN || len > SDT_MAX_LEN || !checksum_ok(r, phys, len) ? 0 : len;
}

/* The MADT's address through the RSDP's RSDT, or 0. */
static uint32_t find_madt(const struct reader *r, uint32_t *madt_len)
{
	uint8_t seg[2], entry[4];
	uint32_t ebda = rd(r, seg, EBDA_SEGMENT_PTR, 2) ? (seg[0] | (uint32_t)seg[1] << 8) << 4 : 0;
	uint32_t rsdt = ebda != 0 ? scan_rsdp(r, ebda, ebda + 1024) : 0;

	if (rsdt == 0)
		rsdt = scan_rsdp(r, BIOS_ROM_START, BIOS_ROM_END);
	uint32_t len = table_at(r, rsdt, "RSDT");

	for (uint32_t off = SDT_HEADER_LEN; len != 0 && off + 4 <= len; off += 4) {
		if (!rd(r, entry, rsdt + off, 4))
			return 0;
		uint32_t t = load_le32(entry);

		*madt_len = table_at(r, t, "APIC");
		if (*madt_len >= MADT_FIXED_LEN)
			return t;
	}
	return 0;
}

static void add_cpu(struct acpi_madt *m, const uint8_t *e)
{
	uint32_t flags = load_le32(e + 4);

	if (!(flags & (LAPIC_ENABLED | LAPIC_ONLINE_CAPABLE)))
		m->cpus_disabled++;
	else if (m->ncpus >= ACPI_CPUS_MAX)
		m->cpus_dropped++;
	else
		m->apic_id[m->ncpus++] = e[3];
}

/* One MADT entry of `len` bytes (>= 2, read into e). False if it is too short for its type. */
static bool add_entry(struct acpi_madt *m, const uint8_t *e, uint32_t len)
{
	/* The bytes each entry type used here must have. */
	static const uint8_t min_len[] = {
	    [MADT_LAPIC] = 8, [MADT_IOAPIC] = 12, [MADT_OVERRIDE] = 10};

	if (e[0] < ARRAY_SIZE(min_len) && len < min_len[e[0]])
		return false;
	if (e[0] == MADT_LAPIC)
		add_cpu(m, e);
	if (e[0] == MADT_IOAPIC && !m->have_ioapic) {
		m->have_ioapic = true;
		m->ioapic_phys = load_le32(e + 4);
		m->ioapic_gsi_base = load_le32(e + 8);
	}
	/* An override of bus 0 (ISA) for source line e[3]. */
	if (e[0] == MADT_OVERRIDE && e[2] == 0 && e[3] < ACPI_ISA_IRQS) {
		m->isa_gsi[e[3]] = load_le32(e + 4);
		m->isa_flags[e[3]] = (uint16_t)(e[8] | e[9] << 8);
	}
	return true; /* NMIs, x2APICs and the rest: not used */
}

int acpi_read_madt(acpi_read_fn read, void *ctx, struct acpi_madt *out)
{
	const struct reader r = {read, ctx};
	uint8_t e[16];
	uint32_t len = 0, madt = find_madt(&r, &len), off;

	memset(out, 0, sizeof(*out));
	for (uint32_t i = 0; i < ACPI_ISA_IRQS; i++)
		out->isa_gsi[i] = i;
	if (madt == 0 || !rd(&r, e, madt + SDT_HEADER_LEN, 8))
		return ERR_NOT_FOUND;
	out->lapic_phys = load_le32(e);
	out->pcat_compat = (load_le32(e + 4) & MADT_PCAT_COMPAT) != 0;
	for (off = MADT_FIXED_LEN; off + 2 <= len; off += e[1]) {
		if (!rd(&r, e, madt + off, 2) || e[1] < 2 || off + e[1] > len)
			return ERR_INVALID;
		uint32_t n = e[1] < sizeof(e) ? e[1] : sizeof(e);

		if (!rd(&r, e, madt + off, n) || !add_entry(out, e, e[1]))
			return ERR_INVALID;
	}
	return off == len ? ERR_OK : ERR_INVALID;
}

int acpi_isa_input(const struct acpi_madt *m, unsigned line, struct acpi_isa_input *out)
{
	if (line >= ACPI_ISA_IRQS || m->isa_gsi[line] < m->ioapic_gsi_base)
		return ERR_INVALID;
	out->pin = m->isa_gsi[line] - m->ioapic_gsi_base;
	out->active_low = (m->isa_flags[line] & MPS_POLARITY_MASK) == MPS_ACTIVE_LOW;
	out->level = (m->isa_flags[line] >> MPS_TRIGGER_SHIFT & MPS_POLARITY_MASK) == MPS_LEVEL;
	return ERR_OK;
}
