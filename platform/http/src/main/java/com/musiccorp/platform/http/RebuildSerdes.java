package com.musiccorp.platform.http;

import com.musiccorp.platform.streams.rebuild.RebuildStatus;
import com.musiccorp.platform.streams.rebuild.StateDigest;
import io.micronaut.serde.annotation.SerdeImport;

/** JSON for the rebuild types of platform/streams, which know nothing of Micronaut. */
@SerdeImport(RebuildStatus.class)
@SerdeImport(StateDigest.Digest.class)
@SerdeImport(StateDigest.StoreDigest.class)
final class RebuildSerdes {
    private RebuildSerdes() {
    }
}
