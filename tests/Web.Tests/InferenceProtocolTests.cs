using System.Net;
using System.Text;
using System.Text.Json;
using MathCluster.Recognition;
using MathCluster.Recognition.Classification;
using MathCluster.Web.Tests.Support;
using static MathCluster.Web.Tests.Support.InferenceBodies;

namespace MathCluster.Web.Tests;

/// <summary>
/// The Open Inference Protocol (KServe v2 / Triton HTTP) routes end to end through the real app (embedded silo,
/// default model): metadata and health shapes, JSON and binary tensor infer, and every bad request answered with
/// the protocol's {"error": ...} and the right status, never a 500.
/// </summary>
public sealed class InferenceProtocolTests(RecognizeApiFixture app) : IClassFixture<RecognizeApiFixture>
{
    private const string Infer = "/v2/models/recognizer/infer";
    private const int MaxGlyphs = 4096;
    private const int MaxBodyBytes = 64 * 1024 * 1024;
    private const int MaxJsonBytes = 4 * 1024 * 1024;
    private const float Tolerance = 1e-6f;

    private static readonly float[] Drawn47Plus = DrawnGlyphs("47+");
    private static readonly string[] Expected47Plus = ["4", "7", "+"];

    private HttpClient Client => app.Client;

    // ---- metadata and health -------------------------------------------------------------------------------

    [Fact]
    public async Task ServerMetadata_NamesServerVersionAndBinaryExtension()
    {
        using var json = await GetJsonAsync("/v2", HttpStatusCode.OK);
        var root = json.RootElement;
        Assert.False(string.IsNullOrEmpty(root.GetProperty("name").GetString()));
        Assert.False(string.IsNullOrEmpty(root.GetProperty("version").GetString()));
        Assert.Contains("binary_tensor_data", root.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Health_LiveAndReadyAnswer200()
    {
        await ActiveVersionAsync(); // warm the cluster so the short ready timeout measures readiness, not a cold start
        using var live = await GetJsonAsync("/v2/health/live", HttpStatusCode.OK);
        Assert.True(live.RootElement.GetProperty("live").GetBoolean());
        using var ready = await GetJsonAsync("/v2/health/ready", HttpStatusCode.OK);
        Assert.True(ready.RootElement.GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task ModelMetadata_DescribesActiveVersionInputAndOutputs()
    {
        string active = await ActiveVersionAsync();
        foreach (string path in new[] { "/v2/models/recognizer", $"/v2/models/recognizer/versions/{active}" })
        {
            using var json = await GetJsonAsync(path, HttpStatusCode.OK);
            var root = json.RootElement;
            Assert.Equal("recognizer", root.GetProperty("name").GetString());
            Assert.Equal([active], root.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
            Assert.Equal("onnxruntime_onnx", root.GetProperty("platform").GetString());
            AssertTensor(root.GetProperty("inputs").EnumerateArray().Single(), "input", "FP32", [-1, 1, 28, 28]);
            var outputs = root.GetProperty("outputs").EnumerateArray().ToList();
            Assert.Equal(2, outputs.Count);
            AssertTensor(outputs[0], "probabilities", "FP32", [-1, SymbolClasses.Count]);
            AssertTensor(outputs[1], "label", "BYTES", [-1]);
        }
    }

    [Fact]
    public async Task ModelReady_200ForTheActiveModel_404ForOthers()
    {
        string active = await ActiveVersionAsync();
        using (var ready = await GetJsonAsync("/v2/models/recognizer/ready", HttpStatusCode.OK))
            Assert.True(ready.RootElement.GetProperty("ready").GetBoolean());
        using (await GetJsonAsync($"/v2/models/recognizer/versions/{active}/ready", HttpStatusCode.OK)) { }

        await AssertErrorAsync(await Client.GetAsync("/v2/models/mnist/ready"), HttpStatusCode.NotFound);
        await AssertErrorAsync(await Client.GetAsync("/v2/models/recognizer/versions/no-such-version/ready"), HttpStatusCode.NotFound);
        await AssertErrorAsync(await Client.GetAsync("/v2/models/mnist"), HttpStatusCode.NotFound);
        await AssertErrorAsync(await Client.GetAsync("/v2/models/recognizer/versions/no-such-version"), HttpStatusCode.NotFound);
        await AssertErrorAsync(await Client.GetAsync("/v2/models/recognizer/config"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OpenApi_DescribesTheProtocolRoutes()
    {
        string document = await Client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("Open Inference Protocol", document);
        Assert.Contains("/v2/models/{name}/infer", document);
        Assert.Contains("/v2/models/{name}/versions/{version}/infer", document);
        Assert.Contains("binary_data_size", document);
    }

    // ---- JSON infer ----------------------------------------------------------------------------------------

    [Fact]
    public async Task InferJson_DrawnGlyphs_LabelsProbabilitiesAndServingVersion()
    {
        string active = await ActiveVersionAsync();
        var answer = await InferAsync(Json(new
        {
            id = "request-42",
            inputs = new[] { new { name = "input", shape = new[] { 3, 784 }, datatype = "FP32", data = Drawn47Plus } },
        }));

        Assert.Equal("recognizer", answer.ModelName);
        Assert.Equal(active, answer.ModelVersion);
        Assert.Equal("request-42", answer.Id);
        Assert.Equal(["probabilities", "label"], answer.Outputs.Select(o => o.Name));
        Assert.Equal([3L, SymbolClasses.Count], answer.Output("probabilities").Shape);
        Assert.Equal([3L], answer.Output("label").Shape);
        Assert.Equal("BYTES", answer.Output("label").Datatype);
        Assert.Equal(Expected47Plus, answer.Labels);
        AssertSoftmaxRowsWithArgmaxLabels(answer, 3);
    }

    [Fact]
    public async Task InferJson_DrawnSeven_IsLabelledSeven()
    {
        var answer = await InferAsync(Json(new
        {
            inputs = new[] { new { name = "input", shape = new[] { 1, 1, 28, 28 }, datatype = "FP32", data = Nest4(DrawnGlyphs("7")) } },
        }));
        Assert.Equal(["7"], answer.Labels);
        Assert.Null(answer.Id);
    }

    /// <summary>Both datatypes, both shapes, flat and nested data: the same glyphs give the same probabilities.</summary>
    [Theory]
    [InlineData("FP32", false, false)]
    [InlineData("FP32", false, true)]
    [InlineData("FP32", true, false)]
    [InlineData("FP32", true, true)]
    [InlineData("UINT8", false, false)]
    [InlineData("UINT8", false, true)]
    [InlineData("UINT8", true, false)]
    [InlineData("UINT8", true, true)]
    public async Task InferJson_EveryDatatypeShapeAndNesting_AgreesWithTheFlatFp32Path(string datatype, bool imageShape, bool nested)
    {
        // UINT8 carries 256 levels, so both sides use the quantised glyphs: UINT8 b must mean exactly FP32 b/255.
        byte[] bytes = Quantize(Drawn47Plus);
        float[] floats = Dequantize(bytes);
        int[] shape = imageShape ? [3, 1, 28, 28] : [3, 784];
        int[] ints = bytes.Select(b => (int)b).ToArray();
        object data = (datatype, imageShape, nested) switch
        {
            ("FP32", _, false) => floats,
            ("FP32", true, true) => Nest4(floats),
            ("FP32", false, true) => Nest2(floats),
            (_, _, false) => ints,
            (_, true, true) => Nest4(ints),
            (_, false, true) => Nest2(ints),
        };

        var reference = await InferAsync(Json(new { inputs = new[] { new { name = "input", shape = new[] { 3, 784 }, datatype = "FP32", data = floats } } }));
        var answer = await InferAsync(Json(new { inputs = new[] { new { name = "input", shape, datatype, data } } }));

        AssertClose(reference.Probabilities, answer.Probabilities);
        Assert.Equal(reference.Labels, answer.Labels);
        Assert.Equal(Expected47Plus, answer.Labels);
    }

    [Fact]
    public async Task InferJson_OnlyTheRequestedOutputs_InTheRequestedOrder()
    {
        var labelOnly = await InferAsync(Json(new
        {
            inputs = new[] { new { name = "input", shape = new[] { 3, 784 }, datatype = "FP32", data = Drawn47Plus } },
            outputs = new[] { new { name = "label" } },
        }));
        Assert.Equal(["label"], labelOnly.Outputs.Select(o => o.Name));
        Assert.Equal(Expected47Plus, labelOnly.Labels);

        var reversed = await InferAsync(Json(new
        {
            inputs = new[] { new { name = "input", shape = new[] { 3, 784 }, datatype = "FP32", data = Drawn47Plus } },
            outputs = new[] { new { name = "label" }, new { name = "probabilities" } },
        }));
        Assert.Equal(["label", "probabilities"], reversed.Outputs.Select(o => o.Name));
    }

    [Fact]
    public async Task InferJson_VersionedRoute_ServesTheActiveVersion()
    {
        string active = await ActiveVersionAsync();
        using var response = await Client.PostAsync($"/v2/models/recognizer/versions/{active}/infer",
            Json(new { inputs = new[] { new { name = "input", shape = new[] { 3, 784 }, datatype = "FP32", data = Drawn47Plus } } }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await DecodeAsync(response);
        Assert.Equal(active, answer.ModelVersion);
        Assert.Equal(Expected47Plus, answer.Labels);
    }

    // ---- binary tensor data --------------------------------------------------------------------------------

    [Fact]
    public async Task InferBinary_BothOutputsBinary_DecodeToTheJsonPathsAnswer()
    {
        string active = await ActiveVersionAsync();
        var json = await InferAsync(Json(new { inputs = new[] { new { name = "input", shape = new[] { 3, 784 }, datatype = "FP32", data = Drawn47Plus } } }));

        using var response = await Client.PostAsync(Infer, Binary(new
        {
            id = "binary-1",
            inputs = new[] { new { name = "input", shape = new[] { 3, 1, 28, 28 }, datatype = "FP32", parameters = new { binary_data_size = Drawn47Plus.Length * 4 } } },
            outputs = new[] { new { name = "probabilities", parameters = new { binary_data = true } }, new { name = "label", parameters = new { binary_data = true } } },
        }, LittleEndian(Drawn47Plus)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains(HeaderLength));
        var binary = await DecodeAsync(response);
        Assert.All(binary.Outputs, o => Assert.True(o.Binary));
        Assert.Equal("binary-1", binary.Id);
        Assert.Equal(active, binary.ModelVersion);
        Assert.Equal([3L, SymbolClasses.Count], binary.Output("probabilities").Shape);
        AssertClose(json.Probabilities, binary.Probabilities);
        Assert.Equal(json.Labels, binary.Labels);
        Assert.Equal(Expected47Plus, binary.Labels);
        AssertSoftmaxRowsWithArgmaxLabels(binary, 3);
    }

    [Fact]
    public async Task InferBinary_Uint8Input_BinaryDataOutputForAll_MatchesFp32()
    {
        byte[] bytes = Quantize(Drawn47Plus);
        var reference = await InferAsync(Json(new { inputs = new[] { new { name = "input", shape = new[] { 3, 784 }, datatype = "FP32", data = Dequantize(bytes) } } }));

        var answer = await InferAsync(Binary(new
        {
            parameters = new { binary_data_output = true },
            inputs = new[] { new { name = "input", shape = new[] { 3, 784 }, datatype = "UINT8", parameters = new { binary_data_size = bytes.Length } } },
        }, bytes));

        Assert.All(answer.Outputs, o => Assert.True(o.Binary));
        AssertClose(reference.Probabilities, answer.Probabilities);
        Assert.Equal(Expected47Plus, answer.Labels);
    }

    [Fact]
    public async Task InferBinary_PerOutputChoiceOverridesBinaryDataOutput()
    {
        var answer = await InferAsync(Binary(new
        {
            parameters = new { binary_data_output = true },
            inputs = new[] { new { name = "input", shape = new[] { 3, 784 }, datatype = "FP32", parameters = new { binary_data_size = Drawn47Plus.Length * 4 } } },
            outputs = new[] { new { name = "probabilities", parameters = new { binary_data = true } }, new { name = "label", parameters = new { binary_data = false } } },
        }, LittleEndian(Drawn47Plus)));

        Assert.True(answer.Output("probabilities").Binary);
        Assert.False(answer.Output("label").Binary);
        Assert.Equal(Expected47Plus, answer.Labels);
    }

    [Fact]
    public async Task InferBinary_InputOnly_AnswersPlainJson()
    {
        using var response = await Client.PostAsync(Infer, Binary(new
        {
            inputs = new[] { new { name = "input", shape = new[] { 3, 784 }, datatype = "FP32", parameters = new { binary_data_size = Drawn47Plus.Length * 4 } } },
        }, LittleEndian(Drawn47Plus)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains(HeaderLength));
        Assert.Equal(Expected47Plus, (await DecodeAsync(response)).Labels);
    }

    [Fact]
    public async Task InferBinary_FullBatchAtTheCap_IsServed()
    {
        var pixels = new float[MaxGlyphs * GlyphNormalizer.PixelCount];
        for (int g = 0; g < MaxGlyphs; g++) Drawn47Plus.AsSpan(g % 3 * GlyphNormalizer.PixelCount, GlyphNormalizer.PixelCount).CopyTo(pixels.AsSpan(g * GlyphNormalizer.PixelCount));

        var answer = await InferAsync(Binary(new
        {
            inputs = new[] { new { name = "input", shape = new[] { MaxGlyphs, 784 }, datatype = "FP32", parameters = new { binary_data_size = pixels.Length * 4 } } },
            outputs = new[] { new { name = "label", parameters = new { binary_data = true } } },
        }, LittleEndian(pixels)));

        Assert.Equal(Enumerable.Range(0, MaxGlyphs).Select(g => Expected47Plus[g % 3]), answer.Labels);
    }

    // ---- errors --------------------------------------------------------------------------------------------

    public static TheoryData<string, string> BadJsonRequests() => new()
    {
        { "malformed JSON", """{"inputs": [{"name": "input", "shape": [1, 784], """ },
        { "not an object", """[1, 2, 3]""" },
        { "empty body", "" },
        { "no inputs", """{"outputs": []}""" },
        { "two inputs", $$"""{"inputs": [{{Input("FP32", "[1,784]", Zeros(784))}}, {{Input("FP32", "[1,784]", Zeros(784))}}]}""" },
        { "wrong input name", $$"""{"inputs": [{"name": "pixels", "shape": [1, 784], "datatype": "FP32", "data": {{Zeros(784)}}}]}""" },
        { "unsupported datatype", $$"""{"inputs": [{{Input("FP64", "[1,784]", Zeros(784))}}]}""" },
        { "datatype case", $$"""{"inputs": [{{Input("fp32", "[1,784]", Zeros(784))}}]}""" },
        { "shape rank 3", $$"""{"inputs": [{{Input("FP32", "[1,28,28]", Zeros(784))}}]}""" },
        { "shape 785", $$"""{"inputs": [{{Input("FP32", "[1,785]", Zeros(785))}}]}""" },
        { "shape two channels", $$"""{"inputs": [{{Input("FP32", "[1,2,28,28]", Zeros(1568))}}]}""" },
        { "shape not integers", $$"""{"inputs": [{{Input("FP32", "[1.5,784]", Zeros(784))}}]}""" },
        { "data too short", $$"""{"inputs": [{{Input("FP32", "[2,784]", Zeros(784))}}]}""" },
        { "data too long", $$"""{"inputs": [{{Input("FP32", "[1,784]", Zeros(785))}}]}""" },
        { "N = 0", """{"inputs": [{"name": "input", "shape": [0, 784], "datatype": "FP32", "data": []}]}""" },
        { "N negative", """{"inputs": [{"name": "input", "shape": [-1, 784], "datatype": "FP32", "data": []}]}""" },
        { "N over the cap", $$"""{"inputs": [{{Input("FP32", $"[{MaxGlyphs + 1},784]", "[]")}}]}""" },
        { "N absurd", $$"""{"inputs": [{{Input("FP32", "[9223372036854775807,784]", "[]")}}]}""" },
        { "string in data", $$"""{"inputs": [{{Input("FP32", "[1,784]", "[\"0\"" + string.Concat(Enumerable.Repeat(",0", 783)) + "]")}}]}""" },
        { "UINT8 out of range", $$"""{"inputs": [{{Input("UINT8", "[1,784]", "[256" + string.Concat(Enumerable.Repeat(",0", 783)) + "]")}}]}""" },
        { "UINT8 fraction", $$"""{"inputs": [{{Input("UINT8", "[1,784]", "[0.5" + string.Concat(Enumerable.Repeat(",0", 783)) + "]")}}]}""" },
        { "FP32 overflow", $$"""{"inputs": [{{Input("FP32", "[1,784]", "[1e39" + string.Concat(Enumerable.Repeat(",0", 783)) + "]")}}]}""" },
        { "data not an array", $$"""{"inputs": [{{Input("FP32", "[1,784]", "\"zeros\"")}}]}""" },
        { "no data", """{"inputs": [{"name": "input", "shape": [1, 784], "datatype": "FP32"}]}""" },
        { "id not a string", $$"""{"id": 7, "inputs": [{{Input("FP32", "[1,784]", Zeros(784))}}]}""" },
        { "unknown output", $$"""{"inputs": [{{Input("FP32", "[1,784]", Zeros(784))}}], "outputs": [{"name": "logits"}]}""" },
        { "output twice", $$"""{"inputs": [{{Input("FP32", "[1,784]", Zeros(784))}}], "outputs": [{"name": "label"}, {"name": "label"}]}""" },
        { "classification asked", $$$"""{"inputs": [{{{Input("FP32", "[1,784]", Zeros(784))}}}], "outputs": [{"name": "probabilities", "parameters": {"classification": 3}}]}""" },
        { "binary_data not a bool", $$$"""{"inputs": [{{{Input("FP32", "[1,784]", Zeros(784))}}}], "outputs": [{"name": "label", "parameters": {"binary_data": "yes"}}]}""" },
        { "binary size without header", """{"inputs": [{"name": "input", "shape": [1, 784], "datatype": "FP32", "parameters": {"binary_data_size": 3136}}]}""" },
        { "deeply nested", $$"""{"inputs": [{{Input("FP32", "[1,784]", new string('[', 100) + new string(']', 100))}}]}""" },
        { "nested deeper than any shape", $$"""{"inputs": [{{Input("FP32", "[1,784]", "[[[[[" + Zeros(784)[1..] + "]]]]")}}]}""" },
        { "deeply nested parameters", $$"""{"parameters": {{new string('[', 5000)}}, "inputs": [{{Input("FP32", "[1,784]", Zeros(784))}}]}""" },
        { "NaN literal", $$"""{"inputs": [{{Input("FP32", "[1,784]", "[NaN" + string.Concat(Enumerable.Repeat(",0", 783)) + "]")}}]}""" },
        { "NaN as a string", $$"""{"inputs": [{{Input("FP32", "[1,784]", "[\"NaN\"" + string.Concat(Enumerable.Repeat(",0", 783)) + "]")}}]}""" },
        { "Infinity literal", $$"""{"inputs": [{{Input("FP32", "[1,784]", "[Infinity" + string.Concat(Enumerable.Repeat(",0", 783)) + "]")}}]}""" },
        { "a number of 100,000 digits", $$"""{"inputs": [{{Input("FP32", "[1,784]", "[" + new string('9', 100_000) + string.Concat(Enumerable.Repeat(",0", 783)) + "]")}}]}""" },
        { "an object in data", $$"""{"inputs": [{{Input("FP32", "[1,784]", "[{}" + string.Concat(Enumerable.Repeat(",0", 783)) + "]")}}]}""" },
        { "data before a shape it overruns", $$"""{"inputs": [{"data": {{Zeros(785)}}, "name": "input", "shape": [1, 784], "datatype": "FP32"}]}""" },
        { "data before a UINT8 datatype it breaks", $$"""{"inputs": [{"data": {{"[0.5" + string.Concat(Enumerable.Repeat(",0", 783)) + "]"}}, "name": "input", "shape": [1, 784], "datatype": "UINT8"}]}""" },
        { "data twice", $$"""{"inputs": [{"name": "input", "shape": [1, 784], "datatype": "FP32", "data": {{Zeros(784)}}, "data": {{Zeros(784)}}}]}""" },
        { "inputs twice", $$"""{"inputs": [{{Input("FP32", "[1,784]", Zeros(784))}}], "inputs": []}""" },
        { "no name", $$"""{"inputs": [{"shape": [1, 784], "datatype": "FP32", "data": {{Zeros(784)}}}]}""" },
        { "an id over 64 KiB", $$"""{"id": "{{new string('x', 70_000)}}", "inputs": [{{Input("FP32", "[1,784]", Zeros(784))}}]}""" },
        { "content after the object", $$"""{"inputs": [{{Input("FP32", "[1,784]", Zeros(784))}}]} {}""" },
    };

    /// <summary>Members in any order (some clients sort keys): data before its shape and datatype reads the same.</summary>
    [Theory]
    [InlineData("FP32")]
    [InlineData("UINT8")]
    public async Task InferJson_DataBeforeShapeAndDatatype_IsReadTheSame(string datatype)
    {
        byte[] bytes = Quantize(Drawn47Plus);
        string data = datatype == "FP32" ? JsonSerializer.Serialize(Dequantize(bytes)) : JsonSerializer.Serialize(bytes.Select(b => (int)b));
        var sorted = await InferAsync(new StringContent($$"""{"inputs": [{"data": {{data}}, "datatype": "{{datatype}}", "name": "input", "shape": [3, 784]}]}""", Encoding.UTF8, "application/json"));
        var usual = await InferAsync(new StringContent($$"""{"inputs": [{"name": "input", "shape": [3, 784], "datatype": "{{datatype}}", "data": {{data}}}]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(Expected47Plus, sorted.Labels);
        AssertClose(usual.Probabilities, sorted.Probabilities);
    }


    [Theory]
    [MemberData(nameof(BadJsonRequests))]
    public async Task InferJson_BadRequest_Answers400WithError(string why, string body)
    {
        using var response = await Client.PostAsync(Infer, new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, why);
    }

    public static TheoryData<string, int, int, string?> BadBinaryRequests() => new()
    {
        // why, binary_data_size announced, tensor bytes actually sent, Inference-Header-Content-Length (null = correct)
        { "binary_data_size too small", 784 * 4 - 4, 784 * 4 - 4, null },
        { "binary_data_size too large", 784 * 4 + 4, 784 * 4 + 4, null },
        { "truncated body", 784 * 4, 784 * 4 - 100, null },
        { "extra bytes after the tensor", 784 * 4, 784 * 4 + 8, null },
        { "header length not a number", 784 * 4, 784 * 4, "abc" },
        { "header length negative", 784 * 4, 784 * 4, "-5" },
        { "header length past the body", 784 * 4, 784 * 4, "999999" },
        { "header length cuts the JSON", 784 * 4, 784 * 4, "10" },
        { "header length two values", 784 * 4, 784 * 4, "12, 13" },
    };

    [Theory]
    [MemberData(nameof(BadBinaryRequests))]
    public async Task InferBinary_BadRequest_Answers400WithError(string why, int announced, int sent, string? headerLength)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new
        {
            inputs = new[] { new { name = "input", shape = new[] { 1, 784 }, datatype = "FP32", parameters = new { binary_data_size = announced } } },
        });
        using var response = await Client.PostAsync(Infer, Binary(header, new byte[sent], headerLength));
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, why);
    }

    [Theory]
    [InlineData(1, 100, float.NaN)]
    [InlineData(1, 0, float.PositiveInfinity)]
    [InlineData(1, 783, float.NegativeInfinity)]
    [InlineData(3, 784 + 5, float.NaN)]
    [InlineData(3, 3 * 784 - 1, float.PositiveInfinity)]
    public async Task InferBinary_NonFiniteFp32_Answers400NamingTheElement(int glyphs, int index, float value)
    {
        // Ink everywhere else, so the check cannot pass by finding only zeros; the first bad element is the one named.
        var pixels = Enumerable.Repeat(0.5f, glyphs * 784).ToArray();
        pixels[index] = value;
        using var response = await Client.PostAsync(Infer, Binary(new
        {
            inputs = new[] { new { name = "input", shape = new[] { glyphs, 784 }, datatype = "FP32", parameters = new { binary_data_size = glyphs * 784 * 4 } } },
        }, LittleEndian(pixels)));
        string error = await AssertErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains($"element {index} is not a finite number", error);
    }

    [Fact]
    public async Task InferBinary_HugeFiniteValues_NeverA500()
    {
        var pixels = Enumerable.Repeat(3e38f, 784).ToArray();
        using var response = await Client.PostAsync(Infer, Binary(new
        {
            inputs = new[] { new { name = "input", shape = new[] { 1, 784 }, datatype = "FP32", parameters = new { binary_data_size = 784 * 4 } } },
        }, LittleEndian(pixels)));
        // The model may or may not overflow; either way the answer is well formed.
        if (response.StatusCode != HttpStatusCode.OK) await AssertErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/v2/models/mnist/infer")]
    [InlineData("/v2/models/Recognizer/infer")]
    [InlineData("/v2/models/recognizer/versions/no-such-version/infer")]
    public async Task Infer_UnknownModelOrVersion_Answers404WithError(string path)
    {
        using var response = await Client.PostAsync(path, Json(new { inputs = new[] { new { name = "input", shape = new[] { 3, 784 }, datatype = "FP32", data = Drawn47Plus } } }));
        await AssertErrorAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Infer_DeclaredBodyOverTheCap_Answers413WithError()
    {
        using var response = await Client.PostAsync(Infer, new ByteArrayContent(new byte[MaxBodyBytes + 1]));
        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Infer_StreamedBodyOverTheCap_Answers413WithError()
    {
        // No Content-Length (chunked): the server finds out while reading.
        using var content = new StreamContent(new RepeatingStream([], [0], MaxBodyBytes + 1024));
        using var response = await Client.PostAsync(Infer, content);
        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Infer_JsonDeclaredOverItsCap_Answers413_AndNamesBinaryTensorData()
    {
        // Valid JSON all through, 1,500 glyphs: legal as binary tensor data, over the 4 MiB JSON cap as text.
        var body = Encoding.UTF8.GetBytes($$"""{"inputs": [{"name": "input", "shape": [1500, 784], "datatype": "FP32", "data": [{{string.Join(',', Enumerable.Repeat("0.25", 1500 * 784))}}]}]}""");
        Assert.True(body.Length > MaxJsonBytes);
        using var response = await Client.PostAsync(Infer, new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
        var error = await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("binary", error);
    }

    [Fact]
    public async Task Infer_StreamedJsonOverItsCap_Answers413()
    {
        // No Content-Length: the cap holds while the JSON arrives, as far as a 'data' array of zeros that never ends.
        var head = Encoding.UTF8.GetBytes("""{"inputs": [{"name": "input", "shape": [4096, 784], "datatype": "FP32", "data": [0""");
        using var content = new StreamContent(new RepeatingStream(head, ",0"u8.ToArray(), MaxJsonBytes + 1024));
        using var response = await Client.PostAsync(Infer, content);
        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Infer_RandomBytesAndMangledRequests_NeverA500()
    {
        var random = new Random(20240611);
        var valid = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id = "fuzz",
            inputs = new[] { new { name = "input", shape = new[] { 1, 784 }, datatype = "UINT8", data = Quantize(Drawn47Plus[..784]).Select(b => (int)b).ToArray() } },
            outputs = new[] { new { name = "label", parameters = new { binary_data = true } } },
        });
        var binaryHeader = JsonSerializer.SerializeToUtf8Bytes(new
        {
            inputs = new[] { new { name = "input", shape = new[] { 1, 784 }, datatype = "UINT8", parameters = new { binary_data_size = 784 } } },
        });

        for (int round = 0; round < 150; round++)
        {
            HttpContent content = (round % 5) switch
            {
                0 => new ByteArrayContent(RandomBytes(random, random.Next(0, 4096))),
                1 => Binary(RandomBytes(random, random.Next(0, 64)), RandomBytes(random, random.Next(0, 2048)), random.Next(-10, 100).ToString()),
                2 => new ByteArrayContent(valid[..random.Next(0, valid.Length)]),
                3 => new ByteArrayContent(Mangle(valid, random)),
                _ => Binary(Mangle(binaryHeader, random), RandomBytes(random, random.Next(700, 800))),
            };
            using var response = await Client.PostAsync(Infer, content);
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
            if (response.StatusCode != HttpStatusCode.OK) await AssertErrorAsync(response, HttpStatusCode.BadRequest, $"round {round}");
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private async Task<string> ActiveVersionAsync()
    {
        using var ready = await GetJsonAsync("/readyz", HttpStatusCode.OK);
        return ready.RootElement.GetProperty("modelVersion").GetString()!;
    }

    private async Task<InferAnswer> InferAsync(HttpContent content)
    {
        using var response = await Client.PostAsync(Infer, content);
        if (response.StatusCode != HttpStatusCode.OK)
            Assert.Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await DecodeAsync(response);
    }

    private async Task<JsonDocument> GetJsonAsync(string path, HttpStatusCode expected)
    {
        using var response = await Client.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }

    /// <summary>Asserts the status and a KServe error body; returns the error.</summary>
    private static async Task<string> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode expected, string? why = null)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{why}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        string? error = json.RootElement.GetProperty("error").GetString();
        Assert.False(string.IsNullOrWhiteSpace(error), why);
        return error!;
    }

    private static void AssertTensor(JsonElement tensor, string name, string datatype, long[] shape)
    {
        Assert.Equal(name, tensor.GetProperty("name").GetString());
        Assert.Equal(datatype, tensor.GetProperty("datatype").GetString());
        Assert.Equal(shape, tensor.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
    }

    private static void AssertSoftmaxRowsWithArgmaxLabels(InferAnswer answer, int count)
    {
        var probabilities = answer.Probabilities;
        Assert.Equal(count * SymbolClasses.Count, probabilities.Length);
        for (int row = 0; row < count; row++)
        {
            var p = probabilities.AsSpan(row * SymbolClasses.Count, SymbolClasses.Count);
            float sum = 0;
            foreach (float v in p) sum += v;
            Assert.InRange(sum, 1 - 1e-4f, 1 + 1e-4f);
            int argmax = p.IndexOf(TensorMax(p));
            Assert.Equal(SymbolClasses.All[argmax], answer.Labels[row]);
        }
    }

    private static float TensorMax(ReadOnlySpan<float> values)
    {
        float max = float.MinValue;
        foreach (float v in values) max = Math.Max(max, v);
        return max;
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"element {i}: {expected[i]} vs {actual[i]}");
    }

    private static string Input(string datatype, string shape, string data) =>
        $$"""{"name": "input", "shape": {{shape}}, "datatype": "{{datatype}}", "data": {{data}}}""";

    private static string Zeros(int count) => "[" + string.Join(',', Enumerable.Repeat("0", count)) + "]";

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mangle(byte[] source, Random random)
    {
        var bytes = source.ToArray();
        for (int flips = random.Next(1, 6); flips > 0; flips--) bytes[random.Next(bytes.Length)] = (byte)random.Next(32, 127);
        return bytes;
    }

    /// <summary>
    /// A non-seekable stream of <paramref name="head"/>, then <paramref name="unit"/> over and over, <paramref name="length"/>
    /// bytes in all, so the client sends it chunked, without Content-Length.
    /// </summary>
    private sealed class RepeatingStream(byte[] head, byte[] unit, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, length - _position);
            for (int i = 0; i < n; i++, _position++)
                buffer[offset + i] = _position < head.Length ? head[_position] : unit[(_position - head.Length) % unit.Length];
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
