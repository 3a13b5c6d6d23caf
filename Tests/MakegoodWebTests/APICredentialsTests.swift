import MakegoodStore
import Testing

@testable import MakegoodWeb

/// Reading the Authorization header and the token in it, byte by byte.
@Suite struct APICredentialsTests {
    @Test func theSchemeIsMatchedInAnyCaseAndTheValueTrimmed() {
        #expect(APIAuthMiddleware<AppRequestContext>.value(of: "Bearer abc", scheme: "Bearer") == "abc")
        #expect(APIAuthMiddleware<AppRequestContext>.value(of: "bEARER \t abc \t", scheme: "Bearer") == "abc")
        #expect(APIAuthMiddleware<AppRequestContext>.value(of: "Basic abc", scheme: "Bearer") == nil)
        #expect(APIAuthMiddleware<AppRequestContext>.value(of: "Bearerabc", scheme: "Bearer") == nil)
        #expect(APIAuthMiddleware<AppRequestContext>.value(of: "Bearer", scheme: "Bearer") == nil)
        #expect(APIAuthMiddleware<AppRequestContext>.value(of: "Bearer ", scheme: "Bearer") == "")
        #expect(APIAuthMiddleware<AppRequestContext>.value(of: "Bearér abc", scheme: "Bearer") == nil)
    }

    @Test func aTokenIsMgTwelveAndThirtyTwoLettersOrDigits() {
        let token = APIToken.generate()
        #expect(APIToken(token.text) == token)
        #expect(APIToken("mg_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB") == APIToken(id: "AAAAAAAAAAAA", secret: "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"))
        for bad in [
            "", "mg_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", "mx_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
            "mg_AAAAAAAAAAA-_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", "mg_AAAAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
            "mg_AAAAAAAAAAAÄ_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", "MG_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
            "mg_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB_",
        ] {
            #expect(APIToken(bad) == nil, "\(bad)")
        }
    }
}
