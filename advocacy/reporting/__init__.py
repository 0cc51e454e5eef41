"""Where to report transnational repression: sourced channels, guidance and recommendations."""
