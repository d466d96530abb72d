/*
 * The supervision test's system, written as the manifest compiler would compile it:
 *
 *   unit crasher { program crasher  priority 60  serves keel.echo.Echo
 *                  restart always limit 4 per 10s }
 *   unit client  { program client  priority 50  restart never
 *                  uses crasher keel.echo.Echo rights WRITE
 *                  uses init keel.supervisor.Supervisor rights READ|ADMIN }
 * (a client capability always carries WRITE: the kernel needs it to send at all)
 */
#include "servers/init/manifest.h"

static const struct manifest_cap crasher_caps[] = {
    {.kind = KEEL_STARTUP_SERVE, .name = "keel.echo.Echo", .rights = CAP_RIGHT_READ, .line = 1},
    {.kind = KEEL_STARTUP_SELF, .name = "keel.echo.Echo", .rights = CAP_RIGHT_WRITE, .line = 1},
};

static const struct manifest_cap client_caps[] = {
    {.kind = KEEL_STARTUP_CLIENT, .name = "keel.echo.Echo", .rights = CAP_RIGHT_WRITE,
     .arg0 = 0, .arg1 = 0, .line = 3},
    {.kind = KEEL_STARTUP_CLIENT, .name = "keel.supervisor.Supervisor",
     .rights = CAP_RIGHT_READ | CAP_RIGHT_WRITE | CAP_RIGHT_ADMIN, .arg0 = MANIFEST_UNIT_INIT,
     .line = 4},
};

static const struct manifest_unit units[] = {
    {.name = "crasher", .module = 1, .priority = 60, .max_priority = 60, .memory_frames = 64,
     .threads = 2, .restart = MANIFEST_RESTART_ALWAYS, .restart_limit = 4,
     .restart_window_ms = 10000, .endpoints = 1, .ncaps = 2, .caps = crasher_caps, .line = 1},
    {.name = "client", .module = 2, .priority = 50, .max_priority = 50, .memory_frames = 64,
     .threads = 2, .restart = MANIFEST_RESTART_NEVER, .restart_limit = 0,
     .restart_window_ms = 10000, .endpoints = 0, .ncaps = 2, .caps = client_caps, .line = 3},
};

const struct manifest system_manifest = {
    .source = "tests/user/supervise/manifest.c",
    .nunits = 2,
    .units = units,
};
