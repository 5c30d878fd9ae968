"""Plain, Qt-free data that crosses threads: requests, results, progress, errors."""
