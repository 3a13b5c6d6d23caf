import MakegoodDomain
import Testing

/// Whether recovered customers were won back (issue 22): the SRP's re-survey figures from counted re-surveys.
@Suite struct ResurveyMeasuresTests {
    typealias T = ResurveyMeasures.Tally

    @Test("none re-surveyed, or none answered, gives counts and no averages or shares")
    func empty() {
        #expect(ResurveyMeasures([]) == ResurveyMeasures([T]()))
        let unanswered = ResurveyMeasures([T(group: "A", before: 2, after: nil, count: 3)])
        #expect(unanswered.resurveyed == 3 && unanswered.answered == 0)
        #expect(unanswered.averageBefore == nil && unanswered.averageAfter == nil && unanswered.detractorsToPromotersPercent == nil)
    }

    @Test("averages are of the answered; the shares are of the answered detractors, by their new band")
    func figures() {
        let m = ResurveyMeasures([
            T(group: "A", before: 2, after: 9, count: 2),  // detractor → promoter
            T(group: "A", before: 6, after: 8, count: 1),  // detractor → passive
            T(group: "A", before: 4, after: 3, count: 1),  // still a detractor
            T(group: "A", before: 7, after: 10, count: 1),  // a passive before: not a detractor
            T(group: "A", before: 3, after: nil, count: 5),  // not answered
        ])
        #expect(m.resurveyed == 10 && m.answered == 5)
        #expect(m.averageBefore == Double(2 + 2 + 6 + 4 + 7) / 5 && m.averageAfter == Double(9 + 9 + 8 + 3 + 10) / 5)
        #expect(m.detractorsToPromotersPercent == 50 && m.detractorsToPassivesPercent == 25)
    }
}
