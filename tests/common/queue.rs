//! Order files for the queue tests: `n` good orders as a CSV whose headers are the form's own
//! field names (what `shipdesk import` reads without a profile).

/// A CSV of `n` orders `{prefix}-0001`…, seed 000's sender and recipient, one 0.5 kg box each.
pub fn orders_csv(prefix: &str, n: usize, account: &str) -> String {
    let order = super::seed_order();
    let (s, r) = (&order.sender, &order.recipient);
    let mut text = String::from(
        "reference,account,sender.name,sender.phone,sender.country_code,sender.state,sender.city,sender.postcode,sender.street1,\
         recipient.name,recipient.phone,recipient.country_code,recipient.state,recipient.city,recipient.postcode,recipient.street1,\
         parcel.length,parcel.width,parcel.height,parcel.weight,item.name_en,item.name_zh,item.quantity,item.unit_value,item.currency\n",
    );
    for i in 1..=n {
        text.push_str(&format!(
            "{prefix}-{i:04},{account},{},{},{},{},{},{},\"{}\",{},{},{},{},{},{},\"{}\",30,20,10,0.5,Car audio cable,汽车音频线,1,12.5,USD\n",
            s.name, s.phone, s.country_code, s.state, s.city, s.postcode, s.street1,
            r.name, r.phone, r.country_code, r.state, r.city, r.postcode, r.street1,
        ));
    }
    text
}
