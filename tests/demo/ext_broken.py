"""A stand-in demo extension whose own import is broken: the loader must not hide that."""

import powerwith_no_such_dependency  # noqa: F401
