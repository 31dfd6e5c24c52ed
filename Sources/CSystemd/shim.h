// The parts of libsystemd (pkg-config `libsystemd`, Debian `libsystemd-dev`) that the `Systemd`
// module wraps: sd_notify and friends, and the journal's sd_journal_sendv.
#ifndef XINFANG_CSYSTEMD_SHIM_H
#define XINFANG_CSYSTEMD_SHIM_H

// The Swift side sends CODE_FILE/CODE_LINE/CODE_FUNC itself (the caller's, not this header's).
#define SD_JOURNAL_SUPPRESS_LOCATION 1

#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>

#endif
