"""Claims: stance of texts towards claims (FNC-1 labels)."""
