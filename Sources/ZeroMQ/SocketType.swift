import CZeroMQ

/// The libzmq socket patterns available without draft APIs.
public enum SocketType: Sendable, CaseIterable {
    /// Exclusive pair (ZMQ_PAIR).
    case pair
    /// Publisher (ZMQ_PUB); drops at the high-water mark.
    case pub
    /// Subscriber (ZMQ_SUB); receives nothing until it subscribes.
    case sub
    /// Strict request/reply client (ZMQ_REQ).
    case req
    /// Strict request/reply server (ZMQ_REP).
    case rep
    /// Asynchronous, load-balanced peer (ZMQ_DEALER).
    case dealer
    /// Routes by peer identity frame (ZMQ_ROUTER); drops at the high-water mark.
    case router
    /// Fair-queued receiver of a pipeline (ZMQ_PULL).
    case pull
    /// Load-balanced sender of a pipeline (ZMQ_PUSH).
    case push
    /// Publisher that sees subscriptions (ZMQ_XPUB).
    case xpub
    /// Subscriber that sends subscriptions as messages (ZMQ_XSUB).
    case xsub

    var rawType: Int32 {
        switch self {
        case .pair: ZMQ_PAIR
        case .pub: ZMQ_PUB
        case .sub: ZMQ_SUB
        case .req: ZMQ_REQ
        case .rep: ZMQ_REP
        case .dealer: ZMQ_DEALER
        case .router: ZMQ_ROUTER
        case .pull: ZMQ_PULL
        case .push: ZMQ_PUSH
        case .xpub: ZMQ_XPUB
        case .xsub: ZMQ_XSUB
        }
    }

    var name: String {
        switch self {
        case .pair: "PAIR"
        case .pub: "PUB"
        case .sub: "SUB"
        case .req: "REQ"
        case .rep: "REP"
        case .dealer: "DEALER"
        case .router: "ROUTER"
        case .pull: "PULL"
        case .push: "PUSH"
        case .xpub: "XPUB"
        case .xsub: "XSUB"
        }
    }
}
