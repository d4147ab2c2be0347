package io.basis.ingest.history;

import io.basis.ingest.VenueConnector;

/** One venue as the backfill sees it: its running connector, the connector's history source, the backfill throttle. */
record VenueSlot(String venue, VenueConnector connector, HistorySource source, HistorySource.Throttle throttle) {
}
