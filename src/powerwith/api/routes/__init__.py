"""The API's calls, one module per part of the record (see ``powerwith.api.api``)."""
