// Records the version of the derived node properties.
MERGE (m:StoreMeta {id: 'derived'})
SET m.version = $version
