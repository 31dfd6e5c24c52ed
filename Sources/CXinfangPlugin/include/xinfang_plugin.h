// The policy plugin ABI of xinfangd, version 1.
//
// A plugin is a shared object exporting one C function, `xinfang_plugin_entry`, that returns a
// pointer to a static `xinfang_plugin`. Everything else crosses the boundary as UTF-8 JSON text:
// no Swift type is shared between the daemon and a plugin, so each may link its own copy of the
// Xinfang modules (see DESIGN.md, "Dynamic plugins"). Swift plugins use XinfangPluginKit, which
// builds this table from `DeadlinePolicy` and `Notifier` values.
#ifndef XINFANG_PLUGIN_H
#define XINFANG_PLUGIN_H
#include <stdint.h>

#define XINFANG_PLUGIN_API_VERSION 1
#define XINFANG_PLUGIN_ENTRY "xinfang_plugin_entry"

typedef struct xinfang_plugin {
    /// XINFANG_PLUGIN_API_VERSION at build time; the daemon refuses any other.
    int32_t api_version;
    /// {"id", "version", "api_version", "summary", "policies": [ids], "notifiers": [ids]}
    const char *descriptor_json;
    /// Answers one request ({"op": "policy.rules", "policy": id} or {"op": "notifier.deliver", ...})
    /// with a malloc'd JSON reply: {"ok": …} or {"error": "…", "retryable": bool}.
    char *(*call)(const char *request_json);
    /// Frees a reply of `call`.
    void (*release)(char *reply);
} xinfang_plugin;

typedef const xinfang_plugin *(*xinfang_plugin_entry_fn)(void);

#endif
