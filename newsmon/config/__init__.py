"""newsmon's configuration: one typed place, loaded from TOML and validated strictly.

Every mistake is reported with the file, the line where it can be found, the key and what is
wrong, all at once, so a user fixes a config in one edit rather than one error per run.

- `schema`: the tables and their keys, each declared once (type, default, parser, README line);
- `values`: the parsers of values ("15m", URLs, names...);
- `load`: TOML text to a `Config`; `errors`: `ConfigError` and where a problem is;
- `docs`: the README's key tables, printed by `python -m newsmon.config --markdown`.
"""

from newsmon.config.errors import ConfigError
from newsmon.config.load import (
    CONFIG_ENV,
    DEFAULT_CONFIG_NAME,
    find_config_path,
    load_config,
    parse_config,
    sample_config_text,
)
from newsmon.config.schema import (
    SOURCE_TYPES,
    AlertChannelConfig,
    AppriseChannelConfig,
    ChannelConfig,
    ClusterConfig,
    Config,
    CrawlConfig,
    DaemonConfig,
    DatabaseConfig,
    EmailChannelConfig,
    ExtractionConfig,
    RelevanceConfig,
    SourceConfig,
    WebhookChannelConfig,
)

__all__ = [
    "CONFIG_ENV",
    "DEFAULT_CONFIG_NAME",
    "SOURCE_TYPES",
    "AlertChannelConfig",
    "AppriseChannelConfig",
    "ChannelConfig",
    "ClusterConfig",
    "Config",
    "ConfigError",
    "CrawlConfig",
    "DaemonConfig",
    "DatabaseConfig",
    "EmailChannelConfig",
    "ExtractionConfig",
    "RelevanceConfig",
    "SourceConfig",
    "WebhookChannelConfig",
    "find_config_path",
    "load_config",
    "parse_config",
    "sample_config_text",
]
