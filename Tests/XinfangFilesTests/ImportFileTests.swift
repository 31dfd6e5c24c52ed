import Foundation
import Testing
import XinfangCore
import XinfangFiles
import XinfangTesting

/// The errors of reading `path`, or [] when it reads.
private func importErrors(_ path: String) -> [InputError] {
    do {
        _ = try ImportFile.read(path: path)
        return []
    } catch {
        return error.errors
    }
}

/// `line:field` of each error, for comparing whole lists.
private func locations(_ errors: [InputError]) -> [String] {
    errors.map { "\($0.line.map(String.init) ?? "-"):\($0.field ?? "-")" }
}

/// A file of raw bytes (for BOMs and CRLF, written exactly).
private func rawFile(_ name: String, _ text: String) throws -> String {
    let path = try temporaryFile(name, "")
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

private func day(_ text: String) -> Day { Day(text)! }

@Suite("Import files: JSON Lines and CSV, errors as file:line:field")
struct ImportFileTests {
    // MARK: JSON Lines

    @Test("JSON Lines: cases with every key, defaults, petitioner data; events with their keys; blank lines skipped")
    func jsonLines() throws {
        let path = try temporaryFile("import.jsonl", """
            {"record": "case", "number": "XF-2025-000001", "received": "2025-03-03", "category": "申诉求决", "unit": "县自然资源局", "channel": "走访", "persons": 6, "repeated": true, "skip_level": true, "leader": "王副县长", "intake": "organ", "contact_known": false, "petitioner_name": "张三", "petitioner_id": "110101199001011234", "petitioner_phone": "13800000000", "petitioner_address": "某县某路1号"}

            {"record":"case","number":"XF-2025-000002","received":"2025-03-04","category":"建议意见","unit":"县教育局"}
               \t
            {"record":"event","case":"XF-2025-000001","seq":1,"type":"forwarded","on":"2025-03-05","to":"县人社局"}
            {"record":"event","case":"XF-2025-000001","seq":2,"type":"assigned","on":"2025-03-06","to":"县人社局","report_due":"2025-04-30","note":"交办"}
            {"record":"event","case":"XF-2025-000001","seq":3,"type":"extension","on":"2025-04-01","days":30,"approver":"局长","reason":"复杂"}
            {"record":"event","case":"XF-2025-000001","seq":4,"type":"evaluated","on":"2025-05-01","rating":"基本满意"}
              { "seq" : 1 , "type" : "accepted" , "on" : "2025-03-10" , "note" : null , "case" : "XF-9" , "record" : "event" }

            """)
        let batch = try ImportFile.read(path: path)
        #expect(batch.file == path)
        #expect(batch.cases.map(\.line) == [1, 3])
        let first = batch.cases[0]
        #expect(first.facts == CaseFacts(
            number: "XF-2025-000001", received: day("2025-03-03"), channel: .visit, category: .claim, unit: "县自然资源局",
            persons: 6, repeated: true, skipLevel: true, leader: "王副县长", intake: .organ, contactKnown: false))
        #expect(first.petitioner == PetitionerContact(
            name: "张三", idNumber: "110101199001011234", phone: "13800000000", address: "某县某路1号"))
        let second = batch.cases[1]
        #expect(second.facts == CaseFacts(number: "XF-2025-000002", received: day("2025-03-04"), category: .suggestion, unit: "县教育局"))
        #expect(second.petitioner == nil)

        #expect(batch.events.map(\.line) == [5, 6, 7, 8, 9])
        #expect(batch.events.map(\.caseNumber) == Array(repeating: "XF-2025-000001", count: 4) + ["XF-9"])
        #expect(batch.events.map(\.seq) == [1, 2, 3, 4, 1])
        #expect(batch.events.map(\.event) == [
            CaseEvent(.forwarded(to: "县人社局"), on: day("2025-03-05")),
            CaseEvent(.assigned(to: "县人社局", reportDue: day("2025-04-30")), on: day("2025-03-06")),
            CaseEvent(.extensionGranted(days: 30, approver: "局长", reason: "复杂"), on: day("2025-04-01")),
            CaseEvent(.evaluated(.basicallySatisfied), on: day("2025-05-01")),
            CaseEvent(.accepted, on: day("2025-03-10")),
        ])
        #expect(batch.events.map(\.note) == [nil, "交办", nil, nil, nil])
    }

    @Test("every event type of timeline files is accepted under its own name")
    func eventVocabulary() throws {
        var lines: [String] = []
        for (i, name) in CaseEvent.Kind.allNames.enumerated() {
            var extra = ""
            if name == "extension" { extra = #","days":10,"approver":"局长","reason":"复杂""# }
            if name == "evaluated" { extra = #","rating":"满意""# }
            lines.append(#"{"record":"event","case":"XF-1","seq":\#(i + 1),"type":"\#(name)","on":"2025-03-10"\#(extra)}"#)
        }
        let batch = try ImportFile.read(path: try temporaryFile("all.ndjson", lines.joined(separator: "\n")))
        #expect(batch.events.map(\.event.kind.name) == CaseEvent.Kind.allNames)
    }

    @Test("JSON string escapes: \\\" \\\\ \\/ \\n, \\uXXXX and surrogate pairs, in keys and values")
    func jsonEscapes() throws {
        let path = try temporaryFile("esc.jsonl", #"""
            {"record":"event","case":"XF-\u0031","seq":1,"typ\u0065":"closed","on":"2025-05-01","note":"a\"b\\c\/d\n\u4e2d\ud83d\ude00\t"}
            """#)
        let event = try #require(try ImportFile.read(path: path).events.first)
        #expect(event.caseNumber == "XF-1")
        #expect(event.event.kind == .closed)
        #expect(event.note == "a\"b\\c/d\n中😀\t")

        let bad = try temporaryFile("esc.jsonl", #"""
            {"record":"event","case":"XF-1","seq":1,"type":"closed","on":"2025-05-01","note":"\ud83d"}
            {"record":"event","case":"XF-1","seq":2,"type":"closed","on":"2025-05-01","note":"\ude00"}
            {"record":"event","case":"XF-1","seq":3,"type":"closed","on":"2025-05-01","note":"\u12G4"}
            {"record":"event","case":"XF-1","seq":4,"type":"closed","on":"2025-05-01","note":"tab	inside"}
            """#)
        let errors = importErrors(bad)
        #expect(locations(errors) == ["1:note", "2:note", "3:note", "4:note"])
        #expect(errors.allSatisfy { $0.reason.hasPrefix("JSON syntax at column ") })
        #expect(errors[0].reason.contains("surrogate"))
        #expect(errors[3].reason.contains("control character"))
    }

    @Test("JSON Lines: a BOM and CRLF line ends are accepted")
    func jsonLinesBOMAndCRLF() throws {
        let path = try rawFile("bom.jsonl", "\u{FEFF}"
            + #"{"record":"case","number":"XF-1","received":"2025-03-03","category":"涉法涉诉","unit":"U"}"# + "\r\n\r\n"
            + #"{"record":"event","case":"XF-1","seq":1,"type":"closed","on":"2025-05-01"}"# + "\r\n")
        let batch = try ImportFile.read(path: path)
        #expect(batch.cases.map(\.facts.number) == ["XF-1"])
        #expect(batch.cases.map(\.facts.category) == [.litigation])
        #expect(batch.events.map(\.line) == [3])
    }

    @Test("JSON Lines: every kind of bad row, each with its line and field, in file order")
    func jsonLinesErrors() throws {
        let path = try temporaryFile("bad.jsonl", #"""
            {"record":"case","number":"XF-1","received":"2025-03-03","category":"申诉求决","unit":"U"}
            {"record":"case","received":"2025-03-03","category":"申诉求决","unit":"U"}
            {"record":"case","number":"XF-3","received":"2025-02-29","category":"申诉求决","unit":"U"}
            {"record":"case","number":"XF-4","received":"2025-03-03","category":"投诉","unit":"U"}
            {"record":"case","number":"XF-5","received":"2025-03-03","category":"申诉求决","unit":"U","channel":"微信"}
            {"record":"case","number":"XF-6","received":"2025-03-03","category":"申诉求决","unit":"U","intake":"office"}
            {"record":"case","number":"XF-7","received":"2025-03-03","category":"申诉求决","unit":"U","persons":0}
            {"record":"case","number":"XF-8","received":"2025-03-03","category":"申诉求决","unit":"U","persons":"3"}
            {"record":"case","number":"XF-9","received":"2025-03-03","category":"申诉求决","unit":"U","repeated":"yes"}
            {"record":"case","number":"XF-10","received":"2025-03-03","category":"申诉求决","unit":"U","colour":"red"}
            {"record":"event","case":"XF-1","seq":0,"type":"accepted","on":"2025-03-10"}
            {"record":"event","case":"XF-1","seq":1,"type":"acepted","on":"2025-03-10"}
            {"record":"event","case":"XF-1","seq":2,"type":"accepted","on":"2025-03-10","to":"X"}
            {"record":"event","case":"XF-1","seq":3,"type":"extension","on":"2025-04-01","days":"thirty","approver":"A","reason":"R"}
            {"record":"event","case":"XF-1","seq":4,"type":"evaluated","on":"2025-05-01","rating":"很好"}
            {"record":"event","case":"XF-1","seq":5,"type":"closed","on":"2025-05-01","note":{"a":1}}
            {"case":"XF-1","seq":6,"type":"closed","on":"2025-05-01"}
            {"record":"event","case":"XF-1","seq":7,"type":"closed","on":"2025-05-01"
            {"record":"event","case":"XF-1","seq":8,"type":"closed","on":"2025-05-01","seq":9}
            {"record":"event","case":"XF-1","seq":1.5,"type":"closed","on":"2025-05-01"}
            {"record":"event","case":" ","seq":10,"type":"closed","on":"2025-05-01"}
            {"record":"event","case":"XF-1","seq":11,"type":"extension","on":"2025-04-01","days":10,"reason":"R"}
            [1, 2]
            {"record":"case","number":"XF-1","received":"2025-03-03","category":"申诉求决","unit":"U"}
            {"record":"event","case":"XF-1","seq":12,"type":"closed","on":"2025-05-01"}
            {"record":"event","case":"XF-1","seq":12,"type":"closed","on":"2025-05-02"}
            {"record":"thing"}
            {"record":"event","case":"XF-1","seq":13,"type":"closed","on":"2025/05/01"}
            {"record":"event","case":"XF-1","seq":14,"type":"closed","on":"2025-05-01","note":"bad \x escape"}
            {"record":"case","number":"XF-30","received":"2025-03-03","category":"申诉求决","unit":"U","contact_known":1}
            {"record":"event","case":"XF-1","seq":15,"type":"closed","on":"2025-05-01"} trailing
            """#)
        let errors = importErrors(path)
        #expect(locations(errors) == [
            "2:number", "3:received", "4:category", "5:channel", "6:intake", "7:persons", "8:persons", "9:repeated",
            "10:colour", "11:seq", "12:type", "13:to", "14:days", "15:rating", "16:note", "17:record", "18:on", "19:seq",
            "20:seq", "21:case", "22:approver", "23:-", "24:number", "26:seq", "27:record", "28:on", "29:note",
            "30:contact_known", "31:-",
        ])
        #expect(errors.allSatisfy { $0.file == path })
        let reasons = Dictionary(errors.map { ($0.line!, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons[2] == "missing")
        #expect(reasons[3] == #""2025-02-29" is not a date YYYY-MM-DD that exists"#)
        #expect(reasons[4] == #""投诉" is not one of: 建议意见, 检举控告, 申诉求决, 涉法涉诉"#)
        #expect(reasons[5]?.hasPrefix(#""微信" is not one of: 来信, 走访"#) == true)
        #expect(reasons[6] == #""office" is not one of: bureau, organ"#)
        #expect(reasons[7] == "0 is out of range 1…100000")
        #expect(reasons[8] == #"expected an integer, found the string "3""#)
        #expect(reasons[9] == #"expected true or false, found the string "yes""#)
        #expect(reasons[10]?.hasPrefix("unknown key; a case record has: record, number, received") == true)
        #expect(reasons[11] == "must be 1 or more, not 0")
        #expect(reasons[12]?.hasPrefix(#""acepted" is not one of: received, forwarded"#) == true)
        #expect(reasons[13] == "not a key of an accepted event; it has: record, case, seq, type, on, note")
        #expect(reasons[14] == #"expected an integer, found the string "thirty""#)
        #expect(reasons[15] == #""很好" is not one of: 满意, 基本满意, 不满意"#)
        #expect(reasons[16]?.hasPrefix("nested objects and arrays are not allowed") == true)
        #expect(reasons[17] == #"missing: every record says "case" or "event""#)
        #expect(reasons[18]?.contains("the line ends early") == true)
        #expect(reasons[19] == "duplicate key")
        #expect(reasons[20] == "expected an integer, found 1.5")
        #expect(reasons[21] == "must not be empty")
        #expect(reasons[22] == "missing")
        #expect(reasons[23] == "JSON syntax at column 1: expected {: each line holds one JSON object")
        #expect(reasons[24] == #"duplicate case number "XF-1"; first at line 1"#)
        #expect(reasons[26] == #"duplicate event 12 of case "XF-1"; first at line 25"#)
        #expect(reasons[27] == #""thing" is not one of: case, event"#)
        #expect(reasons[28] == #""2025/05/01" is not a date YYYY-MM-DD that exists"#)
        #expect(reasons[29]?.hasPrefix("JSON syntax at column 88: an invalid escape") == true)
        #expect(reasons[30] == "expected true or false, found 1")
        #expect(reasons[31]?.contains("text after the object") == true)
        // The description is the familiar file:line:field: reason.
        #expect(errors[0].description == "\(path):2:number: missing")
    }

    @Test("at most 100 errors are reported")
    func errorLimit() throws {
        let line = #"{"record":"event","case":"XF-1","seq":0,"type":"closed","on":"2025-05-01"}"#
        let path = try temporaryFile("many.jsonl", Array(repeating: line, count: 250).joined(separator: "\n"))
        let errors = importErrors(path)
        #expect(errors.count == 100)
        #expect(errors.last?.line == 100)
    }

    @Test("a file without records is refused, JSON Lines as CSV: one rule (exit 2)")
    func emptyFilesRefused() throws {
        for (name, text) in [("empty.jsonl", "\n\n"), ("none.jsonl", ""), ("header.csv", "case,seq,type,on\n")] {
            let errors = importErrors(try temporaryFile(name, text))
            #expect(errors.count == 1 && errors.first?.reason == "the file holds no records: nothing to import", "\(name): \(errors)")
        }
        #expect(importErrors(try temporaryFile("e.csv", "")).first?.reason.contains("the file is empty") == true)
    }

    @Test("bounds: dates outside 1990-01-01…2099-12-31, a NUL in a title, a 10 MB case number; errors quote a short prefix")
    func importBounds() throws {
        let header = "number,received,category,unit,title\n"
        let cases: [(String, String, String)] = [
            ("0000-01-01,申诉求决,县人社局,", "received", "0000-01-01 is outside the plausible range 1990-01-01…2099-12-31"),
            ("2100-01-01,申诉求决,县人社局,", "received", "2100-01-01 is outside the plausible range 1990-01-01…2099-12-31"),
            ("2025-03-03,申诉求决,县人社局,a\u{0}b", "title", "\"a\\0b\" contains a NUL character"),
        ]
        for (row, field, reason) in cases {
            let errors = importErrors(try temporaryFile("b.csv", header + "XF-2025-000001," + row + "\n"))
            #expect(errors.first?.field == field && errors.first?.reason == reason, "\(errors)")
        }
        let huge = String(repeating: "X", count: 10_000_000)
        let errors = importErrors(try temporaryFile("big.jsonl", #"{"record":"case","number":"\#(huge)","received":"2025-03-03","category":"申诉求决","unit":"U"}"#))
        #expect(errors.first?.field == "number" && errors.first?.reason.hasSuffix("is longer than 2000 characters") == true)
        #expect((errors.first?.description.utf8.count ?? .max) < 300, "a short prefix, not 10 MB")
    }

    // MARK: CSV

    @Test("CSV of cases: quoted commas, booleans true/false/1/0/是/否, empty cells absent")
    func csvCases() throws {
        let path = try temporaryFile("cases.csv", #"""
            number,received,category,unit,channel,persons,repeated,skip_level,leader,intake,contact_known,petitioner_name
            XF-1,2025-03-03,申诉求决,县自然资源局,走访,2,是,0,"王, 副县长",organ,FALSE,张三
            XF-2,2025-03-04,检举控告,县教育局,,,,,,,,
            XF-3,2025-03-05,建议意见,"县""人社""局",网上,1,true,1,,bureau,否,
            """#)
        let batch = try ImportFile.read(path: path)
        #expect(batch.events.isEmpty)
        #expect(batch.cases.map(\.line) == [2, 3, 4])
        #expect(batch.cases[0].facts == CaseFacts(
            number: "XF-1", received: day("2025-03-03"), channel: .visit, category: .claim, unit: "县自然资源局", persons: 2,
            repeated: true, skipLevel: false, leader: "王, 副县长", intake: .organ, contactKnown: false))
        #expect(batch.cases[0].petitioner?.name == "张三")
        #expect(batch.cases[1].facts == CaseFacts(number: "XF-2", received: day("2025-03-04"), category: .accusation, unit: "县教育局"))
        #expect(batch.cases[1].petitioner == nil)
        #expect(batch.cases[2].facts.unit == "县\"人社\"局")
        #expect(batch.cases[2].facts.repeated && batch.cases[2].facts.skipLevel && !batch.cases[2].facts.contactKnown)
    }

    @Test("CSV of events: a quoted newline makes the next row's line jump")
    func csvEvents() throws {
        let path = try temporaryFile("events.csv", #"""
            case,seq,type,on,to,note
            XF-1,1,forwarded,2025-03-05,县人社局,
            XF-1,2,accepted,2025-03-10,,"多行
            备注，含""引号"""
            XF-1,3,closed,2025-05-01,,
            """#)
        let batch = try ImportFile.read(path: path)
        #expect(batch.cases.isEmpty)
        #expect(batch.events.map(\.line) == [2, 3, 5])
        #expect(batch.events.map(\.event.kind) == [.forwarded(to: "县人社局"), .accepted, .closed])
        #expect(batch.events[1].note == "多行\n备注，含\"引号\"")
        #expect(batch.events[0].note == nil)
    }

    @Test("CSV mixing cases and events, with a BOM, CRLF, a blank line, an all-empty row and a quoted CRLF")
    func csvMixed() throws {
        let rows = [
            "\u{FEFF}record,number,received,category,unit,case,seq,type,on,days,approver,reason",
            "case,XF-1,2025-03-03,申诉求决,U,,,,,,,",
            "event,,,,,XF-1,1,accepted,2025-03-10,,,",
            "event,,,,,XF-1,2,extension,2025-04-01,30,局长,\"复杂\r\n调查\"",
            "",
            ",,,,,,,,,,,",
            "event,,,,,XF-1,3,closed,2025-05-01,,,",
            "",
        ]
        let batch = try ImportFile.read(path: try rawFile("mixed.csv", rows.joined(separator: "\r\n")))
        #expect(batch.cases.map(\.line) == [2])
        #expect(batch.cases[0].facts.number == "XF-1")
        #expect(batch.events.map(\.line) == [3, 4, 8])
        #expect(batch.events[1].event.kind == .extensionGranted(days: 30, approver: "局长", reason: "复杂\r\n调查"))
        #expect(batch.events.map(\.seq) == [1, 2, 3])
    }

    @Test("CSV: bad rows with their lines and fields; a broken row does not stop the next")
    func csvErrors() throws {
        let path = try temporaryFile("bad.csv", #"""
            case,seq,type,on,days,approver,reason
            XF-1,1,accepted,2025-03-10,,,
            XF-1,x,accepted,2025-03-10,,,
            XF-1,2,extension,2025-04-01,30,局长
            XF-1,3,closed,2025-05-01,,,"a"b
            XF-1,4,closed,2025-05-01,,,a"b
            XF-1,1,closed,2025-05-01,,,
            XF-1,5,extension,2025-04-01,ten,局长,复杂
            XF-1,6,closed,2025-04-31,,,
            XF-1,7,closed,2025-05-01,,,"open
            XF-1,8,closed,2025-05-01,,,
            """#)
        let errors = importErrors(path)
        #expect(locations(errors) == ["3:seq", "4:-", "5:reason", "6:reason", "7:seq", "8:days", "9:on", "10:reason"])
        #expect(errors[0].reason == #"expected an integer, found "x""#)
        #expect(errors[1].reason == "the row has 6 cells; the header has 7")
        #expect(errors[2].reason.hasPrefix("text after the closing quote"))
        #expect(errors[3].reason.hasPrefix("a quote inside an unquoted cell"))
        #expect(errors[4].reason == #"duplicate event 1 of case "XF-1"; first at line 2"#)
        #expect(errors[5].reason == #"expected an integer, found "ten""#)
        #expect(errors[6].reason == #""2025-04-31" is not a date YYYY-MM-DD that exists"#)
        #expect(errors[7].reason.hasPrefix("a quoted cell is not closed"))
    }

    @Test("CSV: a bad boolean, a duplicate case number, a column of the other kind in a mixed file, a row without record")
    func csvCaseErrors() throws {
        let path = try temporaryFile("mixed.csv", #"""
            record,number,received,category,unit,repeated,case,seq,type,on
            case,XF-1,2025-03-03,申诉求决,U,yes,,,,
            case,XF-2,2025-03-03,申诉求决,U,,,,,
            case,XF-2,2025-03-04,申诉求决,U,,,,,
            event,,,,U,,XF-2,1,accepted,2025-03-10
            ,XF-3,2025-03-03,申诉求决,U,,,,,
            case,XF-4,2025-03-03,申诉求决,U,,XF-4,,,
            """#)
        let errors = importErrors(path)
        #expect(locations(errors) == ["2:repeated", "4:number", "5:unit", "6:record", "7:case"])
        #expect(errors[0].reason == #"expected true, false, 1, 0, 是 or 否, found "yes""#)
        #expect(errors[1].reason == #"duplicate case number "XF-2"; first at line 3"#)
        #expect(errors[2].reason.hasPrefix("not a key of an accepted event"))
        #expect(errors[4].reason.hasPrefix("not a key of a case record"))
    }

    @Test("CSV headers: unknown, duplicate and misplaced columns, an unclear kind, an empty file")
    func csvHeaders() throws {
        func first(_ text: String) throws -> InputError? { importErrors(try temporaryFile("h.csv", text)).first }
        let unknown = try first("number,received,category,unit,colour\nXF-1,2025-03-03,申诉求决,U,red\n")
        #expect(unknown?.line == 1 && unknown?.field == "colour" && unknown?.reason.hasPrefix("unknown column") == true)
        let twice = try first("number,received,number\n")
        #expect(twice?.line == 1 && twice?.field == "number")
        let misplaced = try first("\n\nnumber,received,category,unit,type\n")
        #expect(misplaced?.line == 3 && misplaced?.field == "type" && misplaced?.reason.hasPrefix("not a column of a case file") == true)
        let unclear = try first("unit,category\n")
        #expect(unclear?.line == 1 && unclear?.field == nil && unclear?.reason.contains("record column") == true)
        let both = try first("number,received,case,seq,type,on\n")
        #expect(both?.line == 1 && both?.reason.contains("add a record column") == true)
        let empty = try first("")
        #expect(empty?.line == nil && empty?.reason.contains("empty") == true)
    }

    // MARK: Petitioners' data

    @Test("a petitioner's name, ID number, phone or address never appears in an error")
    func petitionerPrivacy() throws {
        let name = "李秘密"
        let ids = ["110101199001011234", "110101199001015678", "110101199001019999"]
        let jsonl = try temporaryFile("p.jsonl", #"""
            {"record":"case","number":"XF-1","received":"2025-03-03","category":"申诉求决","unit":"U","petitioner_name":"李秘密","petitioner_id":110101199001011234}
            {"record":"case","number":"XF-2","received":"2025-02-30","category":"申诉求决","unit":"U","petitioner_name":"李秘密","petitioner_id":"110101199001015678"}
            {"record":"case","number":"XF-3","received":"2025-03-03","category":"申诉求决","unit":"U","petitioner_name":"李秘密\q"}
            {"record":"case","number":"XF-4","received":"2025-03-03","category":"申诉求决","unit":"U","petitioner_name":"李秘密","petitioner_phone":true}
            {"record":"case","number":"XF-5","received":"2025-03-03","category":"申诉求决","unit":"U","petitioner_address":["李秘密家"]}
            {"record":"case","number":"XF-6","received":"2025-03-03","category":"申诉求决","unit":"U","petitioner_idcard":"110101199001019999"}
            {"record":"case","number":"XF-7","received":"2025-03-03","category":"申诉求决","unit":"U","petitioner_name":"李秘密
            {"record":"case","number":"XF-8","received":"2025-03-03","category":"申诉求决","unit":"U","petitioner_name":"李秘密","persons":0}
            """#)
        let errors = importErrors(jsonl)
        #expect(locations(errors) == [
            "1:petitioner_id", "2:received", "3:petitioner_name", "4:petitioner_phone", "5:petitioner_address",
            "6:petitioner_idcard", "7:petitioner_name", "8:persons",
        ])
        #expect(errors[0].reason == "expected a string, found a number")
        #expect(errors[3].reason == "expected a string, found a boolean")
        let text = InputErrors(errors).description
        #expect(!text.contains("秘密"))
        for id in ids { #expect(!text.contains(id)) }

        let csv = try temporaryFile("p.csv", #"""
            number,received,category,unit,persons,petitioner_name,petitioner_id
            XF-1,2025-03-03,申诉求决,U,1,李秘密,110101199001011234
            XF-2,2025-13-01,申诉求决,U,1,李秘密,110101199001015678
            XF-3,2025-03-03,申诉,U,1,李秘密,110101199001019999
            XF-1,2025-03-03,申诉求决,U,1,李秘密,110101199001011234
            XF-4,2025-03-03,申诉求决,U,1,李秘密
            XF-5,2025-03-03,申诉求决,U,1,"李秘密"x,110101199001011234
            """#)
        let csvErrors = importErrors(csv)
        #expect(locations(csvErrors) == ["3:received", "4:category", "5:number", "6:-", "7:petitioner_name"])
        let csvText = InputErrors(csvErrors).description
        #expect(!csvText.contains("秘密"))
        for id in ids { #expect(!csvText.contains(id)) }

        // A record that reads keeps the data, but does not print it.
        let good = try ImportFile.read(path: try temporaryFile("p.csv", #"""
            number,received,category,unit,petitioner_name,petitioner_id
            XF-1,2025-03-03,申诉求决,U,李秘密,110101199001011234
            """#))
        let record = try #require(good.cases.first)
        #expect(record.petitioner?.name == name && record.petitioner?.idNumber == ids[0])
        for shown in [String(describing: record), String(reflecting: record), "\(record.petitioner!)"] {
            #expect(!shown.contains("秘密") && !shown.contains(ids[0]))
        }
    }

    // MARK: Files and progress

    @Test("unknown extensions and missing files are refused")
    func unreadable() throws {
        let txt = importErrors(try temporaryFile("x.txt", "{}"))
        #expect(txt.count == 1 && txt[0].reason.contains(".jsonl, .ndjson or .csv"))
        let missing = importErrors("/nonexistent/x.jsonl")
        #expect(missing.count == 1 && missing[0].file == "/nonexistent/x.jsonl" && missing[0].reason == "cannot read the file")
    }

    @Test("progress runs from 0 to the file's size, now and then")
    func progress() throws {
        let lines = (1...5000).map { #"{"record":"event","case":"XF-1","seq":\#($0),"type":"closed","on":"2025-05-01"}"# }
        let path = try temporaryFile("big.jsonl", lines.joined(separator: "\n"))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        var calls: [(Int, Int)] = []
        let batch = try ImportFile.read(path: path) { done, total in calls.append((done, total)) }
        #expect(batch.events.count == 5000)
        #expect(calls.first.map { $0 == (0, size) } == true)
        #expect(calls.last.map { $0 == (size, size) } == true)
        #expect(calls.count >= 2 + size / (64 * 1024) - 1)
        #expect(zip(calls, calls.dropFirst()).allSatisfy { $0.0 <= $1.0 })
        #expect(calls.allSatisfy { $0.1 == size })
    }
}
