"""The system-manifest compiler: parses a manifest, checks it against the IDL files and emits
the C table init links plus a JSON description (docs/system.md)."""
