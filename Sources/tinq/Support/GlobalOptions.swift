import ArgumentParser

/// Options every command that talks to a broker or runs one accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Configuration file (YAML). Default: $TINQ_CONFIG, else ./config/tinq.yaml, else /etc/tinq/tinq.yaml.", valueName: "path"))
    var config: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override one configuration key, e.g. --set broker.max_queued_jobs=1000 (repeatable; beats environment and file).", valueName: "key=value"))
    var overrides: [String] = []

    @Option(name: .long, help: ArgumentHelp("Directory for the ipc:// sockets. Default: runtime_dir key, else $RUNTIME_DIRECTORY (systemd), else ./run.", valueName: "dir"))
    var runtimeDir: String?

    @Option(name: .long, help: ArgumentHelp("Directory for the SQLite store. Default: data_dir key, else $STATE_DIRECTORY (systemd), else ./data.", valueName: "dir"))
    var dataDir: String?

    @Option(name: .long, help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error, critical. Default: log.level key, else info.", valueName: "level"))
    var logLevel: String?
}
