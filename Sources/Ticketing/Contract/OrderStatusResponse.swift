/// `GET /confirm/status?idem=`: the order behind a commit and, once recorded, its payment.
public struct OrderStatusResponse: Codable, Sendable, Hashable {
    public let idem: String
    public let order: OrderView
    public let payment: PaymentView?

    public init(idem: String, order: OrderView, payment: PaymentView?) {
        self.idem = idem
        self.order = order
        self.payment = payment
    }
}
