import XinfangApp

/// What the configuration builds (`XinfangApp.Runtime`: the same builder `xinfangctl` uses).
typealias Runtime = XinfangApp.Runtime

/// A start-up or configuration failure, with the message to print (exit 2).
typealias DaemonFailure = ConfigurationFailure
