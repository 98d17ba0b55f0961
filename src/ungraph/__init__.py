"""ungraph: a linked-data edition of the UN Secretary-General's report A/78/1."""

__version__ = "0.1.0"
