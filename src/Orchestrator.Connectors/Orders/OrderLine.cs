namespace Orchestrator.Connectors.Orders;

/// <summary>One line of an order.</summary>
/// <param name="Sku">The article.</param>
/// <param name="Name">The article's name.</param>
/// <param name="Category">The article's category, e.g. <c>electronics</c>.</param>
/// <param name="Quantity">How many were ordered.</param>
/// <param name="UnitPrice">The price of one, before discounts.</param>
/// <param name="PaidAmount">What the customer paid for the line.</param>
/// <param name="Supplier">Who supplies the article to the shop (a VOC report dimension).</param>
public sealed record OrderLine(
    string Sku,
    string Name,
    string Category,
    int Quantity,
    decimal UnitPrice,
    decimal PaidAmount,
    string Supplier);
