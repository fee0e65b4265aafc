"""The sample book: hand-curated and scaled sample data for demos, tests and benchmarks.

Above services (it writes through them and the store) and below ui and cli, which load it
only when asked (``rapport demo``, the window's "Load the sample book").
"""
