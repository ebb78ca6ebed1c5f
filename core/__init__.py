"""AutoStore core: Qt-free schemas, client, local store and helpers shared by every process."""
