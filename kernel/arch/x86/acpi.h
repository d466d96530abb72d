/*
 * ACPI, as far as SMP needs it: the RSDP, the RSDT (or XSDT below 4 GiB) and the MADT, which
 * lists the CPUs (local APIC ids), the I/O APIC and how ISA interrupts map onto it. Pure: it
 * reads physical memory only through a caller-supplied copy function, so it is unit-tested on
 * the host against hand-built tables (acpi_test.c).
 */
#ifndef X86_ACPI_H
#define X86_ACPI_H

#include <kernel/types.h>

#define ACPI_CPUS_MAX 8u  /* CPUs kept (PERCPU_MAX_CPUS); more are counted, not started */
#define ACPI_ISA_IRQS 16u /* ISA lines an override may move */

/* Copies len bytes at physical phys to dst; false if any of them cannot be read. */
typedef bool (*acpi_read_fn)(void *ctx, void *dst, uint32_t phys, uint32_t len);

struct acpi_madt {
	uint32_t lapic_phys;		 /* the local APICs' MMIO page (every CPU's own) */
	unsigned ncpus;			 /* enabled CPUs kept, the boot CPU among them */
	uint8_t apic_id[ACPI_CPUS_MAX];	 /* their local APIC ids, in MADT order */
	unsigned cpus_dropped;		 /* enabled CPUs beyond ACPI_CPUS_MAX */
	unsigned cpus_disabled;		 /* listed but neither enabled nor online-capable */
	bool have_ioapic;		 /* the first I/O APIC (the only one used) */
	uint32_t ioapic_phys;
	uint32_t ioapic_gsi_base;
	uint32_t isa_gsi[ACPI_ISA_IRQS];   /* global interrupt of ISA line i (identity unless moved) */
	uint16_t isa_flags[ACPI_ISA_IRQS]; /* MPS polarity/trigger flags of the override, 0: ISA */
	bool pcat_compat;		   /* 8259 PICs present too (they must be masked) */
};

/*
 * Finds the RSDP (in the first KiB of the EBDA, then 0xE0000-0xFFFFF), its RSDT and the MADT
 * in it, with every checksum verified, and fills *out. ERR_NOT_FOUND when there is no valid
 * RSDP or MADT (the caller falls back to one CPU), ERR_INVALID for a MADT whose entries do not
 * fit its length.
 */
int acpi_read_madt(acpi_read_fn read, void *ctx, struct acpi_madt *out);

/* Where ISA line `line` enters the I/O APIC and how it signals (the override's MPS flags). */
struct acpi_isa_input {
	uint32_t pin;	 /* the I/O APIC's input (global interrupt minus its base) */
	bool level;	 /* level-triggered (ISA's default: edge) */
	bool active_low; /* (ISA's default: active high) */
};
/* ERR_INVALID for a line >= ACPI_ISA_IRQS or one moved below the I/O APIC's first input. */
int acpi_isa_input(const struct acpi_madt *m, unsigned line, struct acpi_isa_input *out);

#endif /* X86_ACPI_H */
