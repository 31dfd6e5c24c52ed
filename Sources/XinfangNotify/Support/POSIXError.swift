import Foundation
import XinfangCore
import XinfangPolicy

extension DeliveryError {
    /// A retryable error for a failed system call: `what: strerror(errno)`.
    static func posix(_ what: String, errno code: Int32 = errno) -> DeliveryError {
        DeliveryError("\(what): \(String(cString: strerror(code)))")
    }
}
