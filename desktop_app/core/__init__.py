"""Plain, Qt-free data that crosses threads (requests, results, progress, errors), the option declarations
and the task names."""
