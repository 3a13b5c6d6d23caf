/// The people, groups and words the demo instance is made of.
enum DemoCatalog {
    static let contacts: [(name: String, email: String, mobile: String)] = [
        ("Ava Nguyen", "ava.nguyen@demo.example", "+61412000001"),
        ("Ben Carter", "ben.carter@demo.example", "+61412000002"),
        ("Chloé Martin", "chloe.martin@demo.example", "+61412000003"),
        ("Dev Patel", "dev.patel@demo.example", "+61412000004"),
        ("Emma Schmidt", "emma.schmidt@demo.example", "+61412000005"),
        ("Farah Haddad", "farah.haddad@demo.example", "+61412000006"),
        ("George Okafor", "george.okafor@demo.example", "+61412000007"),
        ("Hana Suzuki", "hana.suzuki@demo.example", "+61412000008"),
        ("Isla Brown", "isla.brown@demo.example", "+61412000009"),
        ("Jack Wilson", "jack.wilson@demo.example", "+61412000010"),
        ("Kai Tanaka", "kai.tanaka@demo.example", "+61412000011"),
        ("Lena Rossi", "lena.rossi@demo.example", "+61412000012"),
    ]

    /// (code, name, department code, lead index, also alerts as (contact index, dashboard?)).
    static let groups: [(code: String, name: String, department: String?, lead: Int, also: [(Int, Bool)])] = [
        ("SUP", "Customer Support", nil, 0, [(1, true)]),
        ("BIL", "Billing Team", "SUP", 2, [(3, true), (4, false)]),
        ("TEC", "Technical Support", "SUP", 5, [(6, true), (7, false), (1, true)]),
        ("ONB", "Onboarding", "SUP", 8, [(9, false)]),
        ("ESC", "Escalations", "SUP", 10, [(11, true), (0, true)]),
    ]

    static let segments: [(code: String, name: String)] = [
        ("ENT", "Enterprise"), ("SMB", "Small Business"), ("EDU", "Education"), ("GOV", "Government"),
    ]

    static let agents = ["Priya", "Tom", "Mei", "Lucas", "Sara", "Omar", "Zoe", "Finn"]

    static let customers = [
        "Olivia Smith", "Noah Jones", "Yuki Sato", "Mohammed Ali", "Sofía García", "Liam O'Brien", "Amélie Dubois",
        "Wang Fang", "Fatima Zahra", "Lars Nilsson", "Ana Souza", "Ivan Petrov", "Grace Kim", "Arjun Mehta",
    ]

    static let factors = ["Speed", "Knowledge", "Communication", "Friendliness", "Follow-up", "Resolution"]

    static let unhappy = [
        "I waited four days for a reply and had to explain the problem three times.",
        "The agent closed my ticket before the issue was fixed.",
        "Nobody called me back as promised.",
        "Le problème n'est toujours pas résolu et personne ne m'a rappelé.",
        "対応が遅く、同じ説明を何度もしなければなりませんでした。",
        "لم يتم حل مشكلتي بعد أسبوع من الانتظار.",
        "Die Rechnung ist immer noch falsch, obwohl ich zweimal angerufen habe.",
        "Me cobraron dos veces y nadie me explica por qué.",
        "Answers were copy-pasted and did not address my question.",
        "",
    ]

    static let middling = [
        "Fixed in the end, but it took longer than it should have.",
        "OK service, a bit slow to respond.",
        "Ça a fini par marcher.",
        "",
    ]

    static let happy = [
        "Fantastic help, solved in minutes!",
        "Very knowledgeable and friendly.",
        "とても丁寧な対応でした。ありがとうございます。",
        "Merci beaucoup, service impeccable.",
        "",
    ]

    static let noteTexts: [(String, Bool)] = [
        ("Called the customer, apologised and refunded the double charge.", true),
        ("Left a voicemail asking them to call back.", false),
        ("Spoke with the customer; escalated to the product team and promised an update on Friday.", true),
        ("Emailed a summary of the fix.", false),
    ]
}
