"""bibconv's tests; shared helpers are imported as ``tests.support``,
``tests.listing_pages`` and the like."""
