/* The shell's lspci: the device manager's registry, one line per PCI function. */
#include <keel/ulib.h>

#include "clients/shell/shell.h"

struct class_name {
	uint8_t class, subclass;
	const char *name;
};

static const struct class_name class_names[] = {
    {0x01, 0x01, "IDE controller"},   {0x01, 0x06, "SATA controller"},
    {0x01, 0x00, "SCSI controller"},  {0x02, 0x00, "Ethernet controller"},
    {0x03, 0x00, "VGA controller"},   {0x03, 0x80, "display controller"},
    {0x04, 0x01, "audio device"},     {0x06, 0x00, "host bridge"},
    {0x06, 0x01, "ISA bridge"},	      {0x06, 0x04, "PCI bridge"},
    {0x06, 0x80, "bridge"},	      {0x0c, 0x03, "USB controller"},
    {0x0c, 0x05, "SMBus controller"},
};

static const char *class_name(uint8_t class, uint8_t subclass)
{
	for (unsigned i = 0; i < sizeof(class_names) / sizeof(class_names[0]); i++)
		if (class_names[i].class == class && class_names[i].subclass == subclass)
			return class_names[i].name;
	return NULL;
}

static void print_device(struct shell *sh, const struct keel_devmgr_device *d)
{
	const char *name = class_name(d->class, d->subclass);
	char text[200], fallback[32];
	int n;

	if (name == NULL) {
		snprintf(fallback, sizeof(fallback), "class %02x%02x", d->class, d->subclass);
		name = fallback;
	}
	n = snprintf(text, sizeof(text), "%02x:%02x.%x %04x:%04x %-20s", d->bus, d->slot,
		     d->function, d->vendor, d->device, name);
	if (d->irq != 0xff && d->irq != 0)
		n += snprintf(text + n, sizeof(text) - (size_t)n, " irq %u", d->irq);
	for (unsigned b = 0; b < KEEL_DEVMGR_BARS && n < (int)sizeof(text); b++) {
		const struct keel_devmgr_bar *bar = &d->bars[b];

		if (bar->kind == KEEL_DEVMGR_BAR_KIND_IO)
			n += snprintf(text + n, sizeof(text) - (size_t)n, " io 0x%x+%u",
				      (unsigned)bar->base, (unsigned)bar->size);
		else if (bar->kind != KEEL_DEVMGR_BAR_KIND_NONE)
			n += snprintf(text + n, sizeof(text) - (size_t)n, " mem 0x%x+%uK",
				      (unsigned)bar->base, (unsigned)(bar->size / 1024u));
	}
	if (n >= (int)sizeof(text)) /* cannot happen: six BARs fit; never print past the end */
		n = (int)sizeof(text) - 1;
	while (n > 0 && text[n - 1] == ' ') /* a name padded for columns that do not follow */
		text[--n] = 0;
	shell_printf(sh, "%s\n", text);
}

void shell_lspci(struct shell *sh, int argc, char **argv)
{
	struct keel_devmgr_summary sum;
	struct keel_devmgr_device dev;
	int32_t r;

	(void)argc;
	(void)argv;
	if (sh->devmgr.ep == CAP_NULL) {
		shell_printf(sh, "lspci: this system gives the shell no device manager capability\n");
		return;
	}
	r = keel_devmgr_device_manager_summary(&sh->devmgr, &sum);
	for (uint8_t i = 0; r == ERR_OK && i < sum.devices; i++) {
		r = keel_devmgr_device_manager_device(&sh->devmgr, i, &dev);
		if (r == ERR_OK)
			print_device(sh, &dev);
	}
	if (r != ERR_OK)
		shell_printf(sh, "lspci: the device manager did not answer: %s\n", keel_strerror(r));
	else if (sum.unlisted > 0)
		shell_printf(sh, "lspci: %u more functions than the registry holds\n", sum.unlisted);
}
