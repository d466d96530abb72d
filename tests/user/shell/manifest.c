/*
 * The shell test's system until the manifest compiler lands, written as it would compile:
 *
 *   unit serial  { program serial  priority 200  serves keel.serial.Serial
 *                  ioport com1 0x3f8 8  irq com1 4 }
 *   unit keyboard { program keyboard  priority 190  serves keel.keyboard.Keyboard
 *                  ioport ps2 0x60 1  ioport ps2ctl 0x64 1  irq ps2 1 }
 *   unit devmgr  { program devmgr  priority 150  serves keel.devmgr.DeviceManager
 *                  ioport pci 0xcf8 8 }
 *   unit shell   { program shell  priority 100
 *                  uses serial keel.serial.Serial rights READ|WRITE
 *                  uses keyboard keel.keyboard.Keyboard rights READ
 *                  uses devmgr keel.devmgr.DeviceManager rights READ
 *                  uses init keel.supervisor.Supervisor rights READ|ADMIN }
 */
#include "servers/init/manifest.h"

#define RW (CAP_RIGHT_READ | CAP_RIGHT_WRITE)

static const struct manifest_cap serial_caps[] = {
    {.kind = KEEL_STARTUP_SERVE, .name = "keel.serial.Serial", .rights = CAP_RIGHT_READ, .line = 1},
    {.kind = KEEL_STARTUP_SELF, .name = "keel.serial.Serial", .rights = CAP_RIGHT_WRITE, .line = 1},
    {.kind = KEEL_STARTUP_IOPORT, .name = "com1", .rights = RW, .arg0 = 0x3f8, .arg1 = 8, .line = 2},
    {.kind = KEEL_STARTUP_IRQ, .name = "com1", .rights = CAP_RIGHT_WRITE, .arg0 = 4, .line = 2},
    {.kind = KEEL_STARTUP_IRQ_NOTIFY, .name = "com1", .rights = CAP_RIGHT_READ, .arg0 = 4,
     .arg1 = 1, .line = 2},
};

static const struct manifest_cap keyboard_caps[] = {
    {.kind = KEEL_STARTUP_SERVE, .name = "keel.keyboard.Keyboard", .rights = CAP_RIGHT_READ,
     .line = 3},
    {.kind = KEEL_STARTUP_SELF, .name = "keel.keyboard.Keyboard", .rights = CAP_RIGHT_WRITE,
     .line = 3},
    {.kind = KEEL_STARTUP_IOPORT, .name = "ps2", .rights = RW, .arg0 = 0x60, .arg1 = 1, .line = 4},
    {.kind = KEEL_STARTUP_IOPORT, .name = "ps2ctl", .rights = RW, .arg0 = 0x64, .arg1 = 1,
     .line = 4},
    {.kind = KEEL_STARTUP_IRQ, .name = "ps2", .rights = CAP_RIGHT_WRITE, .arg0 = 1, .line = 4},
    {.kind = KEEL_STARTUP_IRQ_NOTIFY, .name = "ps2", .rights = CAP_RIGHT_READ, .arg0 = 1,
     .arg1 = 1, .line = 4},
};

static const struct manifest_cap devmgr_caps[] = {
    {.kind = KEEL_STARTUP_SERVE, .name = "keel.devmgr.DeviceManager", .rights = CAP_RIGHT_READ,
     .line = 3},
    {.kind = KEEL_STARTUP_SELF, .name = "keel.devmgr.DeviceManager", .rights = CAP_RIGHT_WRITE,
     .line = 3},
    {.kind = KEEL_STARTUP_IOPORT, .name = "pci", .rights = RW, .arg0 = 0xcf8, .arg1 = 8, .line = 4},
};

static const struct manifest_cap shell_caps[] = {
    {.kind = KEEL_STARTUP_CLIENT, .name = "keel.serial.Serial", .rights = RW, .arg0 = 0,
     .line = 6},
    {.kind = KEEL_STARTUP_CLIENT, .name = "keel.keyboard.Keyboard", .rights = RW, .arg0 = 1,
     .line = 7},
    {.kind = KEEL_STARTUP_CLIENT, .name = "keel.devmgr.DeviceManager", .rights = RW, .arg0 = 2,
     .line = 7},
    {.kind = KEEL_STARTUP_CLIENT, .name = "keel.supervisor.Supervisor",
     .rights = RW | CAP_RIGHT_ADMIN, .arg0 = MANIFEST_UNIT_INIT, .line = 8},
};

#define UNIT(n, mod, prio, c, eps, l)                                                              \
	{.name = n, .module = mod, .priority = prio, .max_priority = prio, .memory_frames = 64,    \
	 .threads = 4, .restart = MANIFEST_RESTART_ALWAYS, .restart_limit = 5,                    \
	 .restart_window_ms = 10000, .endpoints = eps, .ncaps = sizeof(c) / sizeof(c[0]),          \
	 .caps = c, .line = l}

static const struct manifest_unit units[] = {
    UNIT("serial", 1, 200, serial_caps, 1, 1),
    UNIT("keyboard", 2, 190, keyboard_caps, 1, 3),
    UNIT("devmgr", 3, 150, devmgr_caps, 1, 3),
    UNIT("shell", 4, 100, shell_caps, 0, 5),
};

const struct manifest system_manifest = {
    .source = "tests/user/shell/manifest.c",
    .nunits = 4,
    .units = units,
};
